package dev.lva.core.regularize;

import dev.lva.core.tensor.Matrix;

/** The LV paper's L1 baseline on spreads: {@code mean_j std_j(z)} (N - 1). */
public final class L1StdRegularizer extends ActivationRegularizer {
    private final ColumnStats stats = new ColumnStats();

    public L1StdRegularizer(double lambda) {
        super(lambda);
    }

    @Override
    public double valueAndGradient(Matrix z, Matrix gradient, double scale) {
        stats.compute(z, "l1-std penalty");
        int d = z.cols();
        int n = z.rows();
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += stats.std[j];
        }
        if (gradient != null && scale != 0) {
            for (int r = 0; r < n; r++) {
                int base = r * d;
                for (int j = 0; j < d; j++) {
                    double s = stats.std[j];
                    if (s > 0) {
                        double dz = scale / d * (z.get(base + j) - stats.mean[j]) / ((n - 1) * s);
                        gradient.set(base + j, gradient.get(base + j) + dz);
                    }
                }
            }
        }
        return sum / d;
    }

    /** A standard deviation needs two rows. */
    @Override
    public int minRows() {
        return 2;
    }
}
