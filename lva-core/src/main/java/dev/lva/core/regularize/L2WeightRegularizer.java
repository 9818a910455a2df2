package dev.lva.core.regularize;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Wrapped;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight decay as a penalty on the flat parameter vector: {@code 0.5 * sum(theta^2)}, so its
 * gradient is theta and lambda plays the part of PyTorch's coupled {@code weight_decay}.
 */
public final class L2WeightRegularizer implements Regularizer {
    private final double lambda;
    private final Wrapped params = new Wrapped();
    private final Wrapped grads = new Wrapped();

    public L2WeightRegularizer(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new LvaException("l2 penalty: lambda must be >= 0 and finite, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public Target target() {
        return Target.PARAMETERS;
    }

    @Override
    public double lambda() {
        return lambda;
    }

    @Override
    public double value(INDArray x) {
        double norm = x.norm2Number().doubleValue();
        return 0.5 * norm * norm;
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient, double scale) {
        Matrix p = params.of(x);
        Matrix g = grads.of(gradient);
        p.requireSameShape(g, "l2 penalty gradient");
        double sum = 0;
        for (int i = 0; i < p.length(); i++) {
            double v = p.get(i);
            sum += v * v;
            g.set(i, g.get(i) + scale * v);
        }
        return 0.5 * sum;
    }
}
