package dev.lva.core.nn.activation;

import dev.lva.api.LvaException;

/** f(x) = x for x > 0, alpha (e^x - 1) otherwise. */
public final class ELU extends Activation {
    private final double alpha;

    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new LvaException("elu alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : alpha * Math.exp(x);
    }

    @Override
    public String name() {
        return "elu";
    }
}
