package dev.lva.core.nn.activation;

import dev.lva.api.LvaException;

/** f(x) = clamp(x, min, max); derivative 1 strictly inside, 0 outside and at the edges (PyTorch). */
public final class Hardtanh extends Activation {
    private final double min;
    private final double max;

    public Hardtanh(double min, double max) {
        if (!(min < max)) {
            throw new LvaException("hardtanh needs min < max, got " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public double value(double x) {
        return x < min ? min : Math.min(x, max);
    }

    @Override
    public double derivative(double x, double y) {
        return x > min && x < max ? 1 : 0;
    }

    @Override
    public String name() {
        return "hardtanh";
    }
}
