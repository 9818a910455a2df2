package dev.lva.core.optim;

import dev.lva.api.Optimizer;
import dev.lva.api.plugin.InvalidOption;
import dev.lva.api.plugin.OptimizerProvider;

/** The built-in optimizers as plugins: {@code sgd}, {@code adam}, {@code adamw}, with PyTorch's defaults. */
public final class Optimizers {
    private Optimizers() {
    }

    public record SgdOptions(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        public SgdOptions {
            requireRate(lr);
            InvalidOption.require(momentum >= 0 && Double.isFinite(momentum), "momentum", momentum,
                    "must be a finite number >= 0");
            InvalidOption.require(dampening >= 0 && Double.isFinite(dampening), "dampening", dampening,
                    "must be a finite number >= 0");
            InvalidOption.require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", weightDecay,
                    "must be a finite number >= 0");
        }
    }

    public record AdamOptions(double lr, double beta1, double beta2, double eps, double weightDecay) {
        public AdamOptions {
            requireRate(lr);
            InvalidOption.require(beta1 >= 0 && beta1 < 1, "beta1", beta1, "must be in [0, 1)");
            InvalidOption.require(beta2 >= 0 && beta2 < 1, "beta2", beta2, "must be in [0, 1)");
            InvalidOption.require(eps >= 0 && Double.isFinite(eps), "eps", eps, "must be a finite number >= 0");
            InvalidOption.require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", weightDecay,
                    "must be a finite number >= 0");
        }
    }

    /** A learning rate is a finite number > 0: an infinite one turns every parameter into NaN at the second step. */
    static void requireRate(double lr) {
        InvalidOption.require(lr > 0 && Double.isFinite(lr), "lr", lr, "must be a finite number > 0");
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
