package dev.lva.core.nn.activation;

/** f(x) = scale (max(0, x) + min(0, alpha (e^x - 1))) with the self-normalising constants. */
public final class SELU extends Activation {
    static final double ALPHA = 1.6732632423543772848170429916717;
    static final double SCALE = 1.0507009873554804934193349852946;

    @Override
    public double value(double x) {
        return x > 0 ? SCALE * x : SCALE * ALPHA * Math.expm1(x);
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? SCALE : SCALE * ALPHA * Math.exp(x);
    }

    @Override
    public String name() {
        return "selu";
    }
}
