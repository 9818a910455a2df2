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

    @Override
    public boolean hasParameter() {
        return true;
    }

    @Override
    public double parameterDerivative(double x) {
        return x > 0 ? 0 : x;
    }

    /** One loop for the input's gradient and the slope's: dy * a and dy * x where x <= 0. */
    @Override
    public double backwardRange(Matrix x, Matrix y, Matrix dy, Matrix dx, int from, int to) {
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
        return da;
    }

    @Override
    protected void addParameterGradient(double sum) {
        slopeGrad.set(0, slopeGrad.get(0) + sum);
    }
}
