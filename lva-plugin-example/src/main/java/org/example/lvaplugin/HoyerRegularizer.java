package org.example.lvaplugin;

import dev.lva.api.dense.ColumnStatistics;
import dev.lva.api.dense.DenseMatrix;
import dev.lva.api.dense.DensePenalty;

/**
 * Hoyer's sparsity measure on the latent spreads: {@code H(s) = sum_j s_j / sqrt(sum_j s_j^2)}, s_j
 * the standard deviation (N - 1) of latent dimension j. It is 1 when one dimension carries all the
 * spread and sqrt(d) when all carry the same, and it does not change when the code is scaled, so
 * unlike the L1 of the stds it cannot be lowered by shrinking the whole code.
 *
 * <p>Gradient: with A = sum s, B = sqrt(sum s^2), dH/ds_j = 1/B - A s_j / B^3; {@link ColumnStatistics}
 * carries it on to the code. Written on lva-api's dense views, so it runs at the speed of lva's
 * built-in penalties with lva-api as its only dependency.
 */
public final class HoyerRegularizer extends DensePenalty {
    private final ColumnStatistics stats = new ColumnStatistics();
    private double[] dStd = new double[0];

    public HoyerRegularizer(double lambda) {
        super("hoyer", lambda);
    }

    /** A standard deviation needs two rows. */
    @Override
    public int minRows() {
        return 2;
    }

    @Override
    public double valueAndGradient(DenseMatrix z, DenseMatrix gradient, double scale) {
        stats.compute(z, name());
        double[] s = stats.std();
        double a = 0;
        double squares = 0;
        for (double sj : s) {
            a += sj;
            squares += sj * sj;
        }
        double b = Math.sqrt(squares);
        if (gradient != null) {
            if (dStd.length != s.length) {
                dStd = new double[s.length];
            }
            for (int j = 0; j < s.length; j++) {
                dStd[j] = 1 / b - a * s[j] / (b * b * b);
            }
            stats.addStdGradient(z, dStd, gradient, scale);
        }
        return a / b;
    }
}
