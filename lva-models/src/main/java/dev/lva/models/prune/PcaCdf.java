package dev.lva.models.prune;

import dev.lva.api.LvaException;
import dev.lva.api.PruningPolicy;
import java.util.Comparator;
import java.util.stream.IntStream;

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
        int[] order = IntStream.range(0, stds.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -stds[j])).mapToInt(Integer::intValue).toArray();
        double cumulative = 0;
        boolean reached = false;
        for (int j : order) {
            out[j] = reached;
            cumulative += stds[j] * stds[j] / total;
            reached = reached || cumulative >= threshold;
        }
        return out;
    }
}
