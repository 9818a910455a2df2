package dev.lva.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A per-column affine map fitted on training data, {@code (x - offset) / scale}, and its inverse. */
public interface Scaler {

    /** Learns the offsets and scales from {@code x} (rows are samples); returns this. */
    Scaler fit(INDArray x);

    /** A scaled copy. */
    INDArray transform(INDArray x);

    /** An unscaled copy. */
    INDArray inverseTransform(INDArray x);

    default INDArray fitTransform(INDArray x) {
        return fit(x).transform(x);
    }

    /** The fitted offsets (one per column). */
    INDArray offset();

    /** The fitted scales (one per column); 1 where a column was constant. */
    INDArray scale();

    /** Indices of the columns that were constant when fitted (scaled to 0, not divided by 0). */
    int[] constantColumns();
}
