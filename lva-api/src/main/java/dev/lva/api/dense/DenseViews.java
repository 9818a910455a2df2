package dev.lva.api.dense;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Remembers the {@link DenseMatrix} views of the last few arrays it was given. A penalty receives
 * the same arrays every step (or alternates between a full and a short last batch), so wrapping
 * each once keeps the step free of allocation. Not thread-safe, as a penalty is used by one model.
 */
final class DenseViews {
    private static final int SLOTS = 4;
    private final INDArray[] arrays = new INDArray[SLOTS];
    private final DenseMatrix[] views = new DenseMatrix[SLOTS];
    private int next;

    /** The view of {@code a} when this cache holds it, else null. */
    DenseMatrix find(INDArray a) {
        for (int i = 0; i < SLOTS; i++) {
            if (arrays[i] == a) {
                return views[i];
            }
        }
        return null;
    }

    /** A view of {@code a}, made once and remembered. */
    DenseMatrix of(INDArray a) {
        DenseMatrix m = find(a);
        if (m != null) {
            return m;
        }
        m = DenseMatrix.of(a);
        arrays[next] = a;
        views[next] = m;
        next = (next + 1) % SLOTS;
        return m;
    }
}
