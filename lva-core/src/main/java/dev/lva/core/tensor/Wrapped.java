package dev.lva.core.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Remembers the {@link Matrix} view of the last array it was given. Components whose interface
 * speaks {@link INDArray} (losses, regularizers, parametrizations, optimizers) receive the same
 * arrays every step; wrapping each once keeps the step free of allocation.
 */
public final class Wrapped {
    private INDArray array;
    private Matrix matrix;

    /** Whether {@code a} is the array this cache holds (then {@link #of} returns without allocating). */
    public boolean holds(INDArray a) {
        return a == array;
    }

    public Matrix of(INDArray a) {
        if (a != array) {
            matrix = Matrix.wrap(a);
            array = a;
        }
        return matrix;
    }
}
