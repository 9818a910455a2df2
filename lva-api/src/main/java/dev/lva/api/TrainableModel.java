package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model that knows its own training objective: it runs forward and backward on a batch and
 * leaves the gradient of that objective in {@link #gradients()}, laid out like
 * {@link #parameters()}. A {@link Trainer} only needs this and an {@link Optimizer}.
 */
public interface TrainableModel extends Model {

    /** Gradient of the last {@link #computeGradients} call, same layout as {@link #parameters()}. */
    INDArray gradients();

    /**
     * One forward and backward pass in training mode on a batch; overwrites {@link #gradients()}.
     *
     * @param inputs  batch, rows are samples
     * @param targets what the output should be; an autoencoder passes {@code inputs} again
     * @return the loss of this step
     */
    StepLoss computeGradients(INDArray inputs, INDArray targets);

    /**
     * Rows a training batch needs at least: 1, or what its penalties need ({@link Regularizer#minRows()},
     * 2 for one on batch standard deviations). A trainer merges a shorter last batch into the one before.
     */
    default int minBatchRows() {
        return 1;
    }
}
