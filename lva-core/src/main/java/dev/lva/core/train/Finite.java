package dev.lva.core.train;

import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;

/**
 * Whether a buffer holds a NaN or an infinity, checked once a step over the gradients and the
 * parameters: the sum of squares is finite exactly when every entry is (unless the sum itself
 * overflows, when the entries are searched), so the usual case costs one BLAS dot product.
 */
final class Finite {
    private Finite() {
    }

    /** {@code what[i] = value} for the first entry that is not finite, or null when all are. */
    static String firstNonFinite(String what, Matrix m) {
        if (Double.isFinite(Blas.dot(m, m))) {
            return null;
        }
        for (int i = 0; i < m.length(); i++) {
            double v = m.get(i);
            if (!Double.isFinite(v)) {
                return what + "[" + i + "] = " + v;
            }
        }
        return null;
    }
}
