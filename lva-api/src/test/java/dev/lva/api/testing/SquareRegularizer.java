package dev.lva.api.testing;

import dev.lva.api.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** mean(x^2): a regularizer simple enough to check by hand. */
public class SquareRegularizer implements Regularizer {
    private final double lambda;

    public SquareRegularizer(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public Target target() {
        return Target.ACTIVATION;
    }

    @Override
    public double lambda() {
        return lambda;
    }

    @Override
    public double value(INDArray x) {
        return x.mul(x).meanNumber().doubleValue();
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient, double scale) {
        gradient.addi(x.mul(2.0 * scale / x.length()));
        return value(x);
    }
}
