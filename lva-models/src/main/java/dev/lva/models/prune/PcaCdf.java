package dev.lva.models.prune;

import dev.lva.api.LvaException;
import dev.lva.api.PruningPolicy;
import java.util.Arrays;

/**
 * Keeps the largest-variance dimensions until their cumulative share of the total variance
 * (std squared) reaches {@code threshold}, as one reads a PCA spectrum, and prunes the rest.
 */
public final class PcaCdf implements PruningPolicy {
    private final double threshold;

    public PcaCdf(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new LvaException("pca-cdf threshold must be in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public boolean[] prune(double[] stds) {
        boolean[] out = new boolean[stds.length];
        double total = 0;
        for (double s : stds) {
            total += s * s;
        }
        if (stds.length < 2 || total == 0) {
            return out;
        }
        // the smallest variance among the fewest largest ones that reach the threshold; prune below it
        double[] variances = new double[stds.length];
        for (int j = 0; j < stds.length; j++) {
            variances[j] = stds[j] * stds[j];
        }
        Arrays.sort(variances);
        double cumulative = 0;
        double cutoff = variances[variances.length - 1];
        for (int i = variances.length - 1; i >= 0; i--) {
            cumulative += variances[i] / total;
            cutoff = variances[i];
            if (cumulative >= threshold) {
                break;
            }
        }
        for (int j = 0; j < stds.length; j++) {
            out[j] = stds[j] * stds[j] < cutoff;
        }
        return out;
    }
}
