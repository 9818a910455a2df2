package dev.lva.models;

import dev.lva.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model with a latent space: PCA and every autoencoder, so that they can be compared through one
 * interface. {@code forward} is the reconstruction {@code inverseTransform(transform(x))}.
 */
public interface LatentModel extends Model {

    /** Latent codes of {@code x} (n x latentDimension). */
    INDArray transform(INDArray x);

    /** Points in data space for latent codes. */
    INDArray inverseTransform(INDArray z);

    int latentDimension();

    int inputDimension();
}
