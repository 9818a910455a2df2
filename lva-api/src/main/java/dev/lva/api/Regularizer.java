package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A penalty added to the training loss. It watches either an activation (the latent code of an
 * autoencoder: rows are samples, columns are dimensions) or the flat parameter vector. The model
 * adds {@code lambda() * value} to the loss and {@code lambda() * gradient} to the gradient.
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
}
