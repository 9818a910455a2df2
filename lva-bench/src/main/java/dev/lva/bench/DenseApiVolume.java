package dev.lva.bench;

import dev.lva.api.dense.ColumnStatistics;
import dev.lva.api.dense.DenseMatrix;
import dev.lva.api.dense.DensePenalty;

/**
 * The least-volume penalty as a plugin author writes it against lva-api's dense package only (no
 * lva-core): what PenaltyBenchmarks compares with the built-in.
 */
final class DenseApiVolume extends DensePenalty {
    private final double eta;
    private final ColumnStatistics stats = new ColumnStatistics();
    private double[] dStd = new double[0];

    DenseApiVolume(double lambda, double eta) {
        super("dense-volume", lambda);
        this.eta = eta;
    }

    @Override
    public int minRows() {
        return 2;
    }

    @Override
    public double valueAndGradient(DenseMatrix z, DenseMatrix gradient, double scale) {
        stats.compute(z, name());
        double[] s = stats.std();
        int d = s.length;
        double logSum = 0;
        for (double sj : s) {
            logSum += Math.log(sj + eta);
        }
        double volume = Math.exp(logSum / d);
        if (gradient != null) {
            if (dStd.length != d) {
                dStd = new double[d];
            }
            for (int j = 0; j < d; j++) {
                dStd[j] = volume / d / (s[j] + eta);
            }
            stats.addStdGradient(z, dStd, gradient, scale);
        }
        return volume;
    }
}
