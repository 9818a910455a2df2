package dev.lva.core.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Remembers the {@link Matrix} views of the last few arrays it was given. Components whose interface
 * speaks {@link INDArray} (losses, regularizers, parametrizations, optimizers) receive the same
 * arrays every step, or alternate between two (a minibatch run's full and last partial batch);
 * wrapping each once keeps the step free of allocation.
 */
public final class Wrapped {
    private static final int SLOTS = 4;
    private final INDArray[] arrays = new INDArray[SLOTS];
    private final Matrix[] matrices = new Matrix[SLOTS];
    private int next;

    /** Whether {@code a} is one of the arrays this cache holds (then {@link #of} returns without allocating). */
    public boolean holds(INDArray a) {
        for (INDArray held : arrays) {
            if (held == a) {
                return true;
            }
        }
        return false;
    }

    public Matrix of(INDArray a) {
        for (int i = 0; i < SLOTS; i++) {
            if (arrays[i] == a) {
                return matrices[i];
            }
        }
        Matrix m = Matrix.wrap(a);
        arrays[next] = a;
        matrices[next] = m;
        next = (next + 1) % SLOTS;
        return m;
    }
}
