package dev.lva.core.param;

import dev.lva.api.Parametrization;
import dev.lva.api.plugin.ParametrizationProvider;

/**
 * The built-in parametrizations as plugins: {@code kernel} (PyTorch's {@code spectral_norm}: the
 * weight reshaped to out x rest; on a linear layer, the usual spectral norm) and {@code conv-operator}
 * (the norm of the layer's operator on its input shape, the LV paper's {@code spectral_norm_conv}).
 */
public final class Parametrizations {
    private Parametrizations() {
    }

    /**
     * @param iterations power iterations per training-mode forward
     * @param warmup     power iterations at creation
     */
    public record KernelOptions(int iterations, int warmup) {
        public KernelOptions {
            if (iterations < 1 || warmup < 0) {
                throw new IllegalArgumentException("iterations must be >= 1 and warmup >= 0, got " + iterations
                        + " and " + warmup);
            }
        }
    }

    /**
     * @param iterations power iterations per training-mode forward
     * @param warmup     power iterations at creation
     * @param eps        the floor of a norm when u and v are normalised
     */
    public record OperatorOptions(int iterations, int warmup, double eps) {
        public OperatorOptions {
            if (iterations < 1 || warmup < 0) {
                throw new IllegalArgumentException("iterations must be >= 1 and warmup >= 0, got " + iterations
                        + " and " + warmup);
            }
            if (!(eps > 0)) {
                throw new IllegalArgumentException("eps must be > 0, got " + eps);
            }
        }
    }

    public static final class KernelProvider implements ParametrizationProvider<KernelOptions> {
        @Override
        public String name() {
            return "kernel";
        }

        @Override
        public String description() {
            return "spectral norm of the weight reshaped to out x rest (PyTorch's spectral_norm)";
        }

        @Override
        public KernelOptions defaultOptions() {
            return new KernelOptions(1, 16);
        }

        @Override
        public Parametrization.Factory create(KernelOptions o) {
            return (op, rng) -> SpectralNorm.of(op, rng, o.iterations(), o.warmup());
        }
    }

    public static final class OperatorProvider implements ParametrizationProvider<OperatorOptions> {
        @Override
        public String name() {
            return "conv-operator";
        }

        @Override
        public String description() {
            return "spectral norm of the layer's operator on its input shape (the LV paper's spectral_norm_conv)";
        }

        @Override
        public OperatorOptions defaultOptions() {
            return new OperatorOptions(1, 101, 1e-12);
        }

        @Override
        public Parametrization.Factory create(OperatorOptions o) {
            return OperatorNorm.factory(o.iterations(), o.warmup(), o.eps());
        }
    }
}
