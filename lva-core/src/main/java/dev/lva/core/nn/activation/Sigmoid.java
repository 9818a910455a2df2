package dev.lva.core.nn.activation;

/** f(x) = 1 / (1 + e^-x). */
public final class Sigmoid extends Activation {
    static double sigmoid(double x) {
        // the two branches keep exp from overflowing for large |x|
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    @Override
    public double value(double x) {
        return sigmoid(x);
    }

    @Override
    public double derivative(double x, double y) {
        return y * (1 - y);
    }

    @Override
    public String name() {
        return "sigmoid";
    }
}
