package dev.lva.core.nn.activation;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * f(x) = x for x > 0, slope * x otherwise. The derivative at 0 is the slope, as in PyTorch (ND4J's
 * own derivative returns 1 there).
 */
public final class LeakyReLU extends Activation {
    private final double slope;

    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new LvaException("leaky-relu slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    public double slope() {
        return slope;
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : slope * x;
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : slope;
    }

    @Override
    public String name() {
        return "leaky-relu";
    }

    // float32 loops without the per-element dispatch: this is the seed workload's activation
    @Override
    protected void forward(Matrix x, Matrix y) {
        if (!x.isFloat()) {
            super.forward(x, y);
            return;
        }
        FloatBuffer in = x.floats();
        FloatBuffer out = y.floats();
        float s = (float) slope;
        int n = x.length();
        for (int i = 0; i < n; i++) {
            float v = in.get(i);
            out.put(i, v > 0 ? v : s * v);
        }
    }

    @Override
    protected void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        if (!x.isFloat()) {
            super.backward(x, y, dy, dx);
            return;
        }
        FloatBuffer in = x.floats();
        FloatBuffer g = dy.floats();
        FloatBuffer out = dx.floats();
        float s = (float) slope;
        int n = x.length();
        for (int i = 0; i < n; i++) {
            float v = g.get(i);
            out.put(i, in.get(i) > 0 ? v : s * v);
        }
    }

    @Override
    public String describe() {
        return "leaky-relu(" + slope + ")";
    }
}
