package dev.lva.core.nn.activation;

import dev.lva.core.tensor.Matrix;

/** f(x) = x; passes its input and gradient through without copying. */
public final class Identity extends Activation {
    @Override
    public double value(double x) {
        return x;
    }

    @Override
    public double derivative(double x, double y) {
        return 1;
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        return input;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        return needInputGradient ? outputGradient : null;
    }
}
