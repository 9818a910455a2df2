package dev.lva.core.nn.activation;

import org.apache.commons.math3.special.Erf;

/** The exact GELU, f(x) = x * Phi(x) with Phi the standard normal CDF (PyTorch's default, not the tanh form). */
public final class GELU extends Activation {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public double value(double x) {
        return 0.5 * x * (1 + Erf.erf(x * INV_SQRT2));
    }

    @Override
    public double derivative(double x, double y) {
        double cdf = 0.5 * (1 + Erf.erf(x * INV_SQRT2));
        return cdf + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    @Override
    public String name() {
        return "gelu";
    }
}
