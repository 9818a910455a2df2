package dev.lva.api.dense;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A penalty on the latent code (rows are samples, columns are dimensions) written as a loop over
 * {@link DenseMatrix} views: implement {@link #valueAndGradient(DenseMatrix, DenseMatrix, double)}
 * and the views of the code and of its gradient buffer come ready, wrapped once per array. This is
 * how lva's built-in penalties reach their speed, available to a plugin that depends on lva-api only.
 */
public abstract class DensePenalty implements Regularizer {
    private final String name;
    private final double lambda;
    private final DenseViews inputs = new DenseViews();
    private final DenseViews gradients = new DenseViews();

    /**
     * @param name   the penalty's name, for error messages
     * @param lambda its weight in the loss, >= 0 and finite
     */
    protected DensePenalty(String name, double lambda) {
        if (name == null || name.isBlank()) {
            throw new LvaException(getClass().getSimpleName() + ": a penalty needs a name");
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new LvaException(name + ": lambda must be >= 0 and finite, got " + lambda);
        }
        this.name = name;
        this.lambda = lambda;
    }

    public final String name() {
        return name;
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
        return valueAndGradient(view(inputs, x), null, 0);
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient, double scale) {
        DenseMatrix z = view(inputs, x);
        if (gradient == null) {
            return valueAndGradient(z, null, 0);
        }
        DenseMatrix g = gradients.find(gradient);
        if (g == null) {
            if (!DenseMatrix.canView(gradient)) {
                throw new LvaException(name + ": the gradient buffer must be a contiguous row-major float32 or float64 "
                        + "matrix (it is written in place), got " + gradient.dataType() + " of shape "
                        + Arrays.toString(gradient.shape()) + " with strides " + Arrays.toString(gradient.stride()));
            }
            g = gradients.of(gradient);
        }
        if (!z.sameShape(g)) {
            throw new LvaException(name + ": gradient is " + g.rows() + " x " + g.cols() + ", the input " + z.rows()
                    + " x " + z.cols());
        }
        return valueAndGradient(z, g, scale);
    }

    private DenseMatrix view(DenseViews cache, INDArray x) {
        DenseMatrix held = cache.find(x);
        if (held != null) {
            return held;
        }
        if (x == null) {
            throw new LvaException(name + ": the input array is null");
        }
        if (x.rank() > 2) {
            throw new LvaException(name + ": a latent penalty takes a matrix (rows are samples), got rank " + x.rank());
        }
        if (!DenseMatrix.canView(x)) {
            // the code is only read: a strided view or another precision is copied rather than refused
            return DenseMatrix.of(x.castTo(DataType.DOUBLE).dup('c'));
        }
        return cache.of(x);
    }

    /**
     * The unweighted penalty of {@code z}; when {@code gradient} is not null, adds
     * {@code scale * dPenalty/dz} into it (accumulates; never overwrites).
     */
    public abstract double valueAndGradient(DenseMatrix z, DenseMatrix gradient, double scale);

    @Override
    public String toString() {
        return name + "(lambda=" + lambda + ")";
    }
}
