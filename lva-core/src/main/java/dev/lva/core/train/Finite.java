package dev.lva.core.train;

import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;

/**
 * Whether a buffer holds a NaN or an infinity, checked once a step over the gradients and the
 * parameters: the sum of squares is finite exactly when every entry is, unless the sum itself
 * overflows, when the entries are searched. So the usual case costs one BLAS dot product (about
 * 1-2 us for the seed workload's 14,790 parameters).
 */
final class Finite {
    private Finite() {
    }

    /**
     * Whether the squares of {@code m} sum to a finite number. When they do, so does every square:
     * an optimizer that keeps squared gradients (Adam) cannot overflow from this step.
     */
    static boolean squaresSumFinite(Matrix m) {
        return Double.isFinite(Blas.dot(m, m));
    }

    /** {@code what[i] = value} for the first entry that is not finite, or null when all are. */
    static String firstNonFinite(String what, Matrix m) {
        return squaresSumFinite(m) ? null : search(what, m);
    }

    /** The first entry that is not finite, searched one by one. */
    static String search(String what, Matrix m) {
        for (int i = 0; i < m.length(); i++) {
            double v = m.get(i);
            if (!Double.isFinite(v)) {
                return what + "[" + i + "] = " + v;
            }
        }
        return null;
    }
}
