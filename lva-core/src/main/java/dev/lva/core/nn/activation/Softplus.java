package dev.lva.core.nn.activation;

import dev.lva.api.LvaException;

/**
 * f(x) = log(1 + e^(beta x)) / beta, and x itself where beta x exceeds the threshold, as PyTorch
 * does for numerical stability.
 */
public final class Softplus extends Activation {
    private final double beta;
    private final double threshold;

    public Softplus(double beta, double threshold) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new LvaException("softplus beta must be > 0, got " + beta);
        }
        this.beta = beta;
        this.threshold = threshold;
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    @Override
    public double value(double x) {
        double bx = beta * x;
        return bx > threshold ? x : softplus(bx) / beta;
    }

    @Override
    public double derivative(double x, double y) {
        double bx = beta * x;
        return bx > threshold ? 1 : Sigmoid.sigmoid(bx);
    }

    @Override
    public String name() {
        return "softplus";
    }
}
