package dev.lva.core.loss;

import dev.lva.api.Loss;
import dev.lva.api.LvaException;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Wrapped;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A loss that is the mean over all entries of a function of (prediction, target). */
public abstract class ElementwiseLoss implements Loss {
    private final Wrapped predictions = new Wrapped();
    private final Wrapped targets = new Wrapped();
    private final Wrapped gradients = new Wrapped();

    /** The loss of one entry. */
    abstract double term(double p, double t);

    /** d term / d p. */
    abstract double termDerivative(double p, double t);

    @Override
    public double value(INDArray prediction, INDArray target) {
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new LvaException(getClass().getSimpleName() + ": prediction has shape "
                    + Arrays.toString(prediction.shape()) + " but target has " + Arrays.toString(target.shape()));
        }
        return value(Matrix.copyOf(prediction, prediction.dataType()), Matrix.copyOf(target, prediction.dataType()));
    }

    @Override
    public double valueAndGradient(INDArray prediction, INDArray target, INDArray gradient) {
        return valueAndGradient(predictions.of(prediction), targets.of(target), gradients.of(gradient));
    }

    /** Fails with the loss's name unless the three shapes agree; the message is built only on failure. */
    protected final void requireShapes(Matrix p, Matrix t, Matrix g) {
        if (!p.sameShape(t) || (g != null && !p.sameShape(g))) {
            throw new LvaException(getClass().getSimpleName() + ": prediction is " + p.rows() + " x " + p.cols()
                    + ", target " + t.rows() + " x " + t.cols()
                    + (g == null ? "" : ", gradient " + g.rows() + " x " + g.cols()));
        }
    }

    /** The mean loss. */
    public double value(Matrix p, Matrix t) {
        requireShapes(p, t, null);
        int n = p.length();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += term(p.get(i), t.get(i));
        }
        return s / n;
    }

    /** The mean loss; writes its gradient with respect to {@code p} into {@code g}. */
    public double valueAndGradient(Matrix p, Matrix t, Matrix g) {
        requireShapes(p, t, g);
        int n = p.length();
        double s = 0;
        double inv = 1.0 / n;
        for (int i = 0; i < n; i++) {
            double pi = p.get(i);
            double ti = t.get(i);
            s += term(pi, ti);
            g.set(i, termDerivative(pi, ti) * inv);
        }
        return s * inv;
    }
}
