package dev.lva.api.dense;

import dev.lva.api.LvaException;

/**
 * Per-column mean and unbiased (N - 1) standard deviation of a code, as PyTorch's {@code z.std(0)},
 * with the chain rule back to the code. Arrays are reused between calls of the same width.
 *
 * <pre>{@code
 * stats.compute(z, "my penalty");
 * double[] s = stats.std();
 * ... dPenalty/ds_j into dStd[j] ...
 * stats.addStdGradient(z, dStd, gradient, scale);
 * }</pre>
 */
public final class ColumnStatistics {
    private double[] mean = new double[0];
    private double[] std = new double[0];
    private double[] coefficient = new double[0];

    /**
     * Computes the statistics of {@code z}.
     *
     * @param who names the penalty in the error when {@code z} has fewer than 2 rows
     */
    public void compute(DenseMatrix z, String who) {
        int n = z.rows();
        int d = z.cols();
        if (n < 2) {
            throw new LvaException(who + " needs at least 2 rows for a standard deviation, got " + n);
        }
        if (mean.length != d) {
            mean = new double[d];
            std = new double[d];
            coefficient = new double[d];
        }
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(std, 0);
        // row by row: the code is row-major, so each pass reads it in order
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

    /** Column means of the last {@link #compute}; the array is reused, do not keep it. */
    public double[] mean() {
        return mean;
    }

    /** Column standard deviations (N - 1) of the last {@link #compute}; reused, do not keep it. */
    public double[] std() {
        return std;
    }

    /**
     * Adds {@code scale * sum_j dStd[j] * ds_j/dz} into {@code gradient}, with
     * {@code ds_j/dz_ij = (z_ij - mean_j) / ((N - 1) s_j)}; a column with zero spread contributes
     * nothing (its subgradient 0, as PyTorch's std backward). {@code z} is the code of the last
     * {@link #compute}.
     */
    public void addStdGradient(DenseMatrix z, double[] dStd, DenseMatrix gradient, double scale) {
        int n = z.rows();
        int d = z.cols();
        requireWidth(d, dStd.length, "dStd");
        for (int j = 0; j < d; j++) {
            double s = std[j];
            coefficient[j] = s > 0 ? scale * dStd[j] / ((n - 1) * s) : 0;
        }
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                gradient.add(base + j, coefficient[j] * (z.get(base + j) - mean[j]));
            }
        }
    }

    /** Adds {@code scale * sum_j dMean[j] * dmean_j/dz} into {@code gradient}: {@code scale * dMean[j] / N}. */
    public void addMeanGradient(DenseMatrix z, double[] dMean, DenseMatrix gradient, double scale) {
        int n = z.rows();
        int d = z.cols();
        requireWidth(d, dMean.length, "dMean");
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                gradient.add(base + j, scale * dMean[j] / n);
            }
        }
    }

    private void requireWidth(int d, int given, String what) {
        if (mean.length != d || given != d) {
            throw new LvaException("ColumnStatistics: " + what + " has " + given + " entries for " + d
                    + " columns (statistics computed for " + mean.length + "); call compute(z) first");
        }
    }
}
