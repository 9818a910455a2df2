package dev.lva.models.prune;

import dev.lva.api.LvaException;
import dev.lva.api.PruningPolicy;
import java.util.Arrays;

/**
 * Prunes below the steepest drop: sort the stds descending, find the largest fall between
 * neighbours in log scale, and prune every dimension whose std is below {@code threshold} times the
 * std just before that fall (the LV paper's default policy, threshold 0.02).
 */
public final class Plummet implements PruningPolicy {
    private static final double TINY = 1e-12;
    private final double threshold;

    public Plummet(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new LvaException("plummet threshold must be in (0, 1), got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public boolean[] prune(double[] stds) {
        boolean[] out = new boolean[stds.length];
        if (stds.length < 2) {
            return out;
        }
        double[] sorted = stds.clone();
        Arrays.sort(sorted);
        // descending, in log scale
        int n = sorted.length;
        int pivot = 0;
        double steepest = 0;
        for (int i = 0; i + 1 < n; i++) {
            double before = sorted[n - 1 - i];
            double after = sorted[n - 2 - i];
            double drop = Math.log(before + TINY) - Math.log(after + TINY);
            if (drop > steepest) {
                steepest = drop;
                pivot = i;
            }
        }
        double reference = sorted[n - 1 - pivot];
        for (int j = 0; j < stds.length; j++) {
            out[j] = stds[j] < threshold * (reference + TINY);
        }
        return PruningPolicies.keepOne(out, stds);
    }
}
