package dev.lva.models;

import dev.lva.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model with a latent space: PCA and every autoencoder, so that they can be compared through one
 * interface. {@code forward} is the reconstruction {@code inverseTransform(transform(x))}.
 */
public interface LatentModel extends Model {

    /** Latent codes of {@code x} (n x latentDimension); x is rows or a batch in the model's sample shape. */
    INDArray transform(INDArray x);

    /** Points in data space for latent codes, as rows. */
    INDArray inverseTransform(INDArray z);

    /**
     * {@link #inverseTransform} in the shape of the samples the model takes ({@code N x C x H x W}
     * for images); rows for a model of plain features.
     */
    default INDArray inverseTransformShaped(INDArray z) {
        return inverseTransform(z);
    }

    /**
     * {@link #transform}, {@code batchRows} rows at a time: memory holds the codes and one batch's
     * intermediate results, not the whole data's (a hidden layer of 48 on 2,000,000 rows is 384 MB).
     */
    default INDArray transform(INDArray x, int batchRows) {
        return Batches.map(x, batchRows, this::transform);
    }

    /** {@link #inverseTransform}, {@code batchRows} rows at a time. */
    default INDArray inverseTransform(INDArray z, int batchRows) {
        return Batches.map(z, batchRows, this::inverseTransform);
    }

    int latentDimension();

    int inputDimension();
}
