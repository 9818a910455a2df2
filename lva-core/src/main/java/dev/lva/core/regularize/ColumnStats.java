package dev.lva.core.regularize;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Matrix;

/** Per-column mean and unbiased (N - 1) standard deviation, as PyTorch's {@code z.std(0)}; arrays reused. */
final class ColumnStats {
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
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(std, 0);
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                mean[j] += z.get(base + j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                double c = z.get(base + j) - mean[j];
                std[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / (n - 1));
        }
    }
}
