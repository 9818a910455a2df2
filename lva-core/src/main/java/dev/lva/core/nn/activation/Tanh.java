package dev.lva.core.nn.activation;

/** f(x) = tanh(x). */
public final class Tanh extends Activation {
    @Override
    public double value(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x, double y) {
        return 1 - y * y;
    }

    @Override
    public String name() {
        return "tanh";
    }
}
