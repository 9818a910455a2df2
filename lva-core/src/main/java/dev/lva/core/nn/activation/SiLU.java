package dev.lva.core.nn.activation;

/** f(x) = x * sigmoid(x), also called swish. */
public final class SiLU extends Activation {
    @Override
    public double value(double x) {
        return x * Sigmoid.sigmoid(x);
    }

    @Override
    public double derivative(double x, double y) {
        double s = Sigmoid.sigmoid(x);
        return s * (1 + x * (1 - s));
    }

    @Override
    public String name() {
        return "silu";
    }
}
