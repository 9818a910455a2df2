package dev.lva.models.prune;

import dev.lva.api.LvaException;
import dev.lva.api.PruningPolicy;
import org.apache.commons.math3.special.Erf;

/**
 * Fits a normal distribution to the log stds and prunes the dimensions below its
 * {@code percentile} quantile: the ones that are outliers on the small side.
 */
public final class Lognorm implements PruningPolicy {
    private final double percentile;

    public Lognorm(double percentile) {
        if (!(percentile > 0 && percentile < 1)) {
            throw new LvaException("lognorm percentile must be in (0, 1), got " + percentile);
        }
        this.percentile = percentile;
    }

    @Override
    public boolean[] prune(double[] stds) {
        boolean[] out = new boolean[stds.length];
        if (stds.length < 2) {
            return out;
        }
        double[] logs = new double[stds.length];
        double mean = 0;
        for (int i = 0; i < stds.length; i++) {
            logs[i] = Math.log(Math.max(stds[i], 1e-12));
            mean += logs[i];
        }
        mean /= logs.length;
        double var = 0;
        for (double l : logs) {
            var += (l - mean) * (l - mean);
        }
        double sigma = Math.max(Math.sqrt(var / (logs.length - 1)), 1e-6);
        // the normal quantile, mean + sigma sqrt(2) erfinv(2p - 1), without building a distribution object
        double cutoff = mean + sigma * Math.sqrt(2) * Erf.erfInv(2 * percentile - 1);
        for (int i = 0; i < logs.length; i++) {
            out[i] = logs[i] < cutoff;
        }
        return PruningPolicies.keepOne(out, stds);
    }
}
