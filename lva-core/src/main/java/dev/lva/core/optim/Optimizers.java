package dev.lva.core.optim;

import dev.lva.api.Optimizer;
import dev.lva.api.plugin.OptimizerProvider;

/** The built-in optimizers as plugins: {@code sgd}, {@code adam}, {@code adamw}, with PyTorch's defaults. */
public final class Optimizers {
    private Optimizers() {
    }

    public record SgdOptions(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        public SgdOptions {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("lr must be > 0, got " + lr);
            }
            if (!(momentum >= 0) || !(dampening >= 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("momentum, dampening and weightDecay must be >= 0");
            }
        }
    }

    public record AdamOptions(double lr, double beta1, double beta2, double eps, double weightDecay) {
        public AdamOptions {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("lr must be > 0, got " + lr);
            }
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(eps >= 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("eps and weightDecay must be >= 0");
            }
        }
    }

    public static final class SgdProvider implements OptimizerProvider<SgdOptions> {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public String description() {
            return "stochastic gradient descent, optional momentum and weight decay";
        }

        @Override
        public SgdOptions defaultOptions() {
            return new SgdOptions(0.01, 0, 0, false, 0);
        }

        @Override
        public Optimizer create(SgdOptions o) {
            return new Sgd(o.lr(), o.momentum(), o.dampening(), o.nesterov(), o.weightDecay());
        }
    }

    public static final class AdamProvider implements OptimizerProvider<AdamOptions> {
        @Override
        public String name() {
            return "adam";
        }

        @Override
        public String description() {
            return "Adam, coupled weight decay as PyTorch's Adam";
        }

        @Override
        public AdamOptions defaultOptions() {
            return new AdamOptions(1e-3, 0.9, 0.999, 1e-8, 0);
        }

        @Override
        public Optimizer create(AdamOptions o) {
            return new Adam(o.lr(), o.beta1(), o.beta2(), o.eps(), o.weightDecay(), false);
        }
    }

    public static final class AdamWProvider implements OptimizerProvider<AdamOptions> {
        @Override
        public String name() {
            return "adamw";
        }

        @Override
        public String description() {
            return "Adam with decoupled weight decay, as PyTorch's AdamW";
        }

        @Override
        public AdamOptions defaultOptions() {
            return new AdamOptions(1e-3, 0.9, 0.999, 1e-8, 1e-2);
        }

        @Override
        public Optimizer create(AdamOptions o) {
            return new Adam(o.lr(), o.beta1(), o.beta2(), o.eps(), o.weightDecay(), true);
        }
    }
}
