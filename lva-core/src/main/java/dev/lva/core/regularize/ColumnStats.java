package dev.lva.core.regularize;

import dev.lva.api.LvaException;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Reductions;
import dev.lva.core.tensor.Matrix;

/** Per-column mean and unbiased (N - 1) standard deviation, as PyTorch's {@code z.std(0)}; arrays reused. */
final class ColumnStats {
    private static final Reductions REDUCTIONS = Kernels.active().reductions();
    double[] mean = new double[0];
    double[] std = new double[0];

    void compute(Matrix z, String who) {
        int n = z.rows();
        int d = z.cols();
        if (n < 2) {
            throw new LvaException(who + " needs at least 2 rows for a standard deviation, got " + n);
        }
        if (mean.length != d) {
            mean = new double[d];
            std = new double[d];
        }
        REDUCTIONS.columnMeanStd(z, mean, std);
    }
}
