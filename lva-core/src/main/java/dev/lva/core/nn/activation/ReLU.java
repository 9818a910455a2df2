package dev.lva.core.nn.activation;

/** f(x) = max(0, x); derivative 0 at 0, as in PyTorch. */
public final class ReLU extends Activation {
    @Override
    public double value(double x) {
        return x > 0 ? x : 0;
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : 0;
    }

    @Override
    public String name() {
        return "relu";
    }
}
