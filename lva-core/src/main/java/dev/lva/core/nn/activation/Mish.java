package dev.lva.core.nn.activation;

/** f(x) = x tanh(softplus(x)). */
public final class Mish extends Activation {
    @Override
    public double value(double x) {
        return x * Math.tanh(Softplus.softplus(x));
    }

    @Override
    public double derivative(double x, double y) {
        double t = Math.tanh(Softplus.softplus(x));
        return t + x * (1 - t * t) * Sigmoid.sigmoid(x);
    }

    @Override
    public String name() {
        return "mish";
    }
}
