package dev.lva.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Zero mean and unit variance per column (population std, N, as scikit-learn's {@code StandardScaler}). */
public final class StandardScaler extends AffineScaler {
    @Override
    INDArray[] offsetAndSpread(INDArray x) {
        return new INDArray[] {x.mean(0), x.std(false, 0)};
    }
}
