package dev.lva.core.data;

import dev.lva.api.LvaException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A scaler made from the offsets and scales another one fitted (a checkpoint carries them), so new
 * data is scaled exactly as the training data was.
 */
public final class FittedScaler extends AffineScaler {

    public FittedScaler(INDArray offset, INDArray scale) {
        restore(offset, scale);
    }

    @Override
    INDArray[] offsetAndSpread(INDArray x) {
        throw new LvaException("a restored scaler keeps the values it was fitted with; it cannot be fitted again");
    }
}
