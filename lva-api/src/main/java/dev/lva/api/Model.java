package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model maps a batch (rows are samples) to outputs. Its trainable parameters live in one flat
 * array whose views the model's layers use, so an optimizer updates all of them at once. Models keep
 * working buffers and are not thread-safe; for inference, switch to evaluation mode (in training
 * mode a spectrally normalised layer advances its power iteration on every forward).
 */
public interface Model {

    /** Output for a batch of inputs (rows are samples), in the current mode; a fresh array. */
    INDArray forward(INDArray input);

    /** All trainable parameters as one flat row vector; writing into it changes the model. */
    INDArray parameters();

    /** Training mode (the default) or evaluation mode; spectral norm, for one, differs between them. */
    void setTraining(boolean training);

    boolean isTraining();
}
