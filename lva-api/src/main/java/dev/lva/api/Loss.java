package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A scalar data-fit loss between predictions and targets of the same shape, mean-reduced. */
public interface Loss {

    double value(INDArray prediction, INDArray target);

    /** The loss; writes dLoss/dPrediction into {@code gradient} (same shape as the prediction). */
    double valueAndGradient(INDArray prediction, INDArray target, INDArray gradient);
}
