package dev.lva.models.prune;

import dev.lva.api.PruningPolicy;
import dev.lva.api.plugin.PruningPolicyProvider;

/** The built-in pruning policies as plugins: {@code plummet}, {@code lognorm}, {@code pca-cdf}, {@code none}. */
public final class PruningPolicies {
    private PruningPolicies() {
    }

    /** Never prunes every dimension: the largest one stays. */
    static boolean[] keepOne(boolean[] prune, double[] stds) {
        int largest = -1;
        for (int j = 0; j < stds.length; j++) {
            if (!prune[j]) {
                return prune;
            }
            if (largest < 0 || stds[j] > stds[largest]) {
                largest = j;
            }
        }
        if (largest >= 0) {
            prune[largest] = false;
        }
        return prune;
    }

    /** @param threshold prune below this fraction of the std before the steepest drop */
    public record PlummetOptions(double threshold) {
        public PlummetOptions {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
            }
        }
    }

    /** @param threshold share of the total variance the kept dimensions must hold */
    public record ThresholdOptions(double threshold) {
        public ThresholdOptions {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
            }
        }
    }

    public record PercentileOptions(double percentile) {
        public PercentileOptions {
            if (!(percentile > 0 && percentile < 1)) {
                throw new IllegalArgumentException("percentile must be in (0, 1), got " + percentile);
            }
        }
    }

    public record NoOptions() {
    }

    public static final class PlummetProvider implements PruningPolicyProvider<PlummetOptions> {
        @Override
        public String name() {
            return "plummet";
        }

        @Override
        public String description() {
            return "prune below threshold x the std before the steepest drop in log std";
        }

        @Override
        public PlummetOptions defaultOptions() {
            return new PlummetOptions(0.02);
        }

        @Override
        public PruningPolicy create(PlummetOptions o) {
            return new Plummet(o.threshold());
        }
    }

    public static final class LognormProvider implements PruningPolicyProvider<PercentileOptions> {
        @Override
        public String name() {
            return "lognorm";
        }

        @Override
        public String description() {
            return "prune below a percentile of a normal fitted to log std";
        }

        @Override
        public PercentileOptions defaultOptions() {
            return new PercentileOptions(0.05);
        }

        @Override
        public PruningPolicy create(PercentileOptions o) {
            return new Lognorm(o.percentile());
        }
    }

    public static final class PcaCdfProvider implements PruningPolicyProvider<ThresholdOptions> {
        @Override
        public String name() {
            return "pca-cdf";
        }

        @Override
        public String description() {
            return "keep the dims holding threshold of the total variance";
        }

        @Override
        public ThresholdOptions defaultOptions() {
            return new ThresholdOptions(0.999);
        }

        @Override
        public PruningPolicy create(ThresholdOptions o) {
            return new PcaCdf(o.threshold());
        }
    }

    public static final class NoneProvider implements PruningPolicyProvider<NoOptions> {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public String description() {
            return "keep every dimension";
        }

        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }

        @Override
        public PruningPolicy create(NoOptions o) {
            return new NoPruning();
        }
    }
}
