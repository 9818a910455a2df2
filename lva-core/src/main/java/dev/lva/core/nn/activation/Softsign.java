package dev.lva.core.nn.activation;

/** f(x) = x / (1 + |x|). */
public final class Softsign extends Activation {
    @Override
    public double value(double x) {
        return x / (1 + Math.abs(x));
    }

    @Override
    public double derivative(double x, double y) {
        double d = 1 + Math.abs(x);
        return 1 / (d * d);
    }

    @Override
    public String name() {
        return "softsign";
    }
}
