package dev.lva.core.nn.activation;

import dev.lva.core.nn.ParamSpec;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.List;

/** f(x) = x for x > 0, a x otherwise, with one learnable slope a (PyTorch's default: one, initialised 0.25). */
public final class PReLU extends Activation {
    private final double init;
    private Matrix slope;
    private Matrix slopeGrad;

    public PReLU(double init) {
        this.init = init;
    }

    private double a() {
        return slope == null ? init : slope.get(0);
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : a() * x;
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : a();
    }

    @Override
    public String name() {
        return "prelu";
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        return List.of(new ParamSpec("weight", 1, 1));
    }

    @Override
    public void bind(List<Matrix> values, List<Matrix> gradients) {
        slope = values.get(0);
        slopeGrad = gradients.get(0);
    }

    @Override
    public void initialize(TorchGenerator rng) {
        slope.set(0, init);
    }

    /** The backward pass also sums the slope's gradient, so it runs as one range. */
    @Override
    protected boolean splitsBackward() {
        return false;
    }

    @Override
    protected void backward(Matrix x, Matrix y, Matrix dy, Matrix dx, int from, int to) {
        double a = a();
        double da = 0;
        for (int i = from; i < to; i++) {
            double v = x.get(i);
            double g = dy.get(i);
            if (v > 0) {
                dx.set(i, g);
            } else {
                dx.set(i, a * g);
                da += g * v;
            }
        }
        slopeGrad.set(0, slopeGrad.get(0) + da);
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        // the slope's gradient is needed even when the input's is not
        Matrix dx = super.backward(outputGradient, true);
        return needInputGradient ? dx : null;
    }
}
