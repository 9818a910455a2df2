package dev.lva.core.nn.activation;

import dev.lva.api.LvaException;

/** f(x) = max(0, x) + min(0, alpha (e^(x/alpha) - 1)). */
public final class CELU extends Activation {
    private final double alpha;

    public CELU(double alpha) {
        if (!(alpha != 0) || !Double.isFinite(alpha)) {
            throw new LvaException("celu alpha must be finite and non-zero, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : alpha * Math.expm1(x / alpha);
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : Math.exp(x / alpha);
    }

    @Override
    public String name() {
        return "celu";
    }
}
