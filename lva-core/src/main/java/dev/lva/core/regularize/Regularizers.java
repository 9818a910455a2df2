package dev.lva.core.regularize;

import dev.lva.api.Regularizer;
import dev.lva.api.plugin.RegularizerProvider;

/**
 * The built-in regularizers as plugins: {@code volume} (the least-volume penalty) and the LV paper's
 * baselines {@code l1-std}, {@code lasso}, {@code student-t}, and {@code l2} on the parameters.
 */
public final class Regularizers {
    private Regularizers() {
    }

    /** Options of the volume penalty. */
    public record VolumeOptions(double lambda, double eta) {
        public VolumeOptions {
            requireLambda(lambda);
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("eta must be > 0 (log(std + eta) needs it), got " + eta);
            }
        }
    }

    /** Options of a penalty whose only option is its weight. */
    public record LambdaOptions(double lambda) {
        public LambdaOptions {
            requireLambda(lambda);
        }
    }

    static void requireLambda(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }
    }

    public static final class Volume implements RegularizerProvider<VolumeOptions> {
        @Override
        public String name() {
            return "volume";
        }

        @Override
        public String description() {
            return "least-volume penalty exp(mean log(std(z) + eta)) on the latent code";
        }

        @Override
        public VolumeOptions defaultOptions() {
            return new VolumeOptions(0.01, 0.01);
        }

        @Override
        public Regularizer create(VolumeOptions o) {
            return new VolumeRegularizer(o.lambda(), o.eta());
        }
    }

    public static final class L1Std implements RegularizerProvider<LambdaOptions> {
        @Override
        public String name() {
            return "l1-std";
        }

        @Override
        public String description() {
            return "mean of the latent standard deviations";
        }

        @Override
        public LambdaOptions defaultOptions() {
            return new LambdaOptions(0.01);
        }

        @Override
        public Regularizer create(LambdaOptions o) {
            return new L1StdRegularizer(o.lambda());
        }
    }

    public static final class Lasso implements RegularizerProvider<LambdaOptions> {
        @Override
        public String name() {
            return "lasso";
        }

        @Override
        public String description() {
            return "mean |z| of the latent code";
        }

        @Override
        public LambdaOptions defaultOptions() {
            return new LambdaOptions(0.01);
        }

        @Override
        public Regularizer create(LambdaOptions o) {
            return new LassoRegularizer(o.lambda());
        }
    }

    public static final class StudentT implements RegularizerProvider<LambdaOptions> {
        @Override
        public String name() {
            return "student-t";
        }

        @Override
        public String description() {
            return "mean log(1 + z^2) of the latent code";
        }

        @Override
        public LambdaOptions defaultOptions() {
            return new LambdaOptions(0.01);
        }

        @Override
        public Regularizer create(LambdaOptions o) {
            return new StudentTRegularizer(o.lambda());
        }
    }

    public static final class L2 implements RegularizerProvider<LambdaOptions> {
        @Override
        public String name() {
            return "l2";
        }

        @Override
        public String description() {
            return "0.5 * sum of squared parameters (weight decay as a penalty)";
        }

        @Override
        public LambdaOptions defaultOptions() {
            return new LambdaOptions(1e-4);
        }

        @Override
        public Regularizer create(LambdaOptions o) {
            return new L2WeightRegularizer(o.lambda());
        }
    }
}
