package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A penalty added to the training loss. It watches either an activation (the latent code of an
 * autoencoder: rows are samples, columns are dimensions) or the flat parameter vector. The model
 * adds {@code lambda() * value} to the loss and {@code lambda() * gradient} to the gradient.
 *
 * <p>A latent penalty is easiest written as an expression with an automatic gradient
 * ({@link dev.lva.api.autodiff.ExpressionRegularizer}), or by hand as a loop over array views
 * ({@link dev.lva.api.dense.DensePenalty}) where every microsecond counts.
 */
public interface Regularizer {

    /** What the penalty is a function of. */
    enum Target { ACTIVATION, PARAMETERS }

    Target target();

    /** The penalty's weight in the loss. */
    double lambda();

    /** The unweighted penalty of {@code x}. */
    double value(INDArray x);

    /**
     * The unweighted penalty of {@code x}; adds {@code scale * dPenalty/dx} into {@code gradient}
     * (accumulates, so a model can sum several terms into one gradient buffer).
     */
    double valueAndGradient(INDArray x, INDArray gradient, double scale);

    /**
     * Rows a batch needs for this penalty to be defined: 2 for a penalty on batch standard
     * deviations (a standard deviation of one row divides by zero), 1 for the others. A trainer
     * never hands a penalty a smaller batch: it merges a short last batch into the one before.
     */
    default int minRows() {
        return 1;
    }
}
