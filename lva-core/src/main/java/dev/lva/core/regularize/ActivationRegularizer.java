package dev.lva.core.regularize;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Wrapped;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A penalty on an activation such as the latent code (rows are samples, columns are dimensions). */
public abstract class ActivationRegularizer implements Regularizer {
    private final double lambda;
    private final Wrapped inputs = new Wrapped();
    private final Wrapped gradients = new Wrapped();

    protected ActivationRegularizer(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new LvaException(getClass().getSimpleName() + ": lambda must be >= 0 and finite, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public final Target target() {
        return Target.ACTIVATION;
    }

    @Override
    public final double lambda() {
        return lambda;
    }

    @Override
    public double value(INDArray x) {
        return valueAndGradient(Matrix.copyOf(x, x.dataType()), null, 0);
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient, double scale) {
        Matrix z = inputs.of(x);
        Matrix g = gradients.of(gradient);
        if (!z.sameShape(g)) {
            throw new LvaException(getClass().getSimpleName() + ": gradient is " + g.rows() + " x " + g.cols()
                    + ", the input " + z.rows() + " x " + z.cols());
        }
        return valueAndGradient(z, g, scale);
    }

    /**
     * The unweighted penalty of {@code z}; when {@code gradient} is not null, adds
     * {@code scale * dPenalty/dz} into it.
     */
    public abstract double valueAndGradient(Matrix z, Matrix gradient, double scale);
}
