package dev.lva.core.kernel.reference;

import dev.lva.core.kernel.Elementwise;
import dev.lva.core.kernel.PointwiseFunction;
import dev.lva.core.tensor.Matrix;

/** Element-wise functions through their scalar definitions only ({@code value}, {@code derivative}). */
final class ReferenceElementwise implements Elementwise {

    @Override
    public void forward(PointwiseFunction f, Matrix x, Matrix y) {
        for (int i = 0; i < x.length(); i++) {
            y.set(i, f.value(x.get(i)));
        }
    }

    @Override
    public double backward(PointwiseFunction f, Matrix x, Matrix y, Matrix dy, Matrix dx) {
        double parameter = 0;
        for (int i = 0; i < x.length(); i++) {
            double xi = x.get(i);
            dx.set(i, dy.get(i) * f.derivative(xi, y.get(i)));
            if (f.hasParameter()) {
                parameter += dy.get(i) * f.parameterDerivative(xi);
            }
        }
        return parameter;
    }
}
