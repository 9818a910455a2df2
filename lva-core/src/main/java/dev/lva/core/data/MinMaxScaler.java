package dev.lva.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Maps each column's range onto [0, 1], as scikit-learn's {@code MinMaxScaler}. */
public final class MinMaxScaler extends AffineScaler {
    @Override
    INDArray[] offsetAndSpread(INDArray x) {
        INDArray min = x.min(0);
        return new INDArray[] {min, x.max(0).sub(min)};
    }
}
