package dev.lva.models;

import dev.lva.api.LvaException;
import dev.lva.core.pca.Pca;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PCA as a {@link LatentModel}, so it compares with an autoencoder through one interface: fit,
 * transform, inverse transform, explained variance. It has no trainable parameters.
 */
public final class PcaModel implements LatentModel {
    private final int components;
    private Pca pca;
    private boolean training = true;

    /** @param components components to keep; 0 keeps as many as the data allows */
    public PcaModel(int components) {
        if (components < 0) {
            throw new LvaException("PCA components must be >= 0, got " + components);
        }
        this.components = components;
    }

    public PcaModel fit(INDArray x) {
        pca = Pca.fit(x, components);
        return this;
    }

    public Pca pca() {
        requireFitted();
        return pca;
    }

    @Override
    public INDArray transform(INDArray x) {
        return pca().transform(x);
    }

    @Override
    public INDArray inverseTransform(INDArray z) {
        return pca().inverseTransform(z);
    }

    @Override
    public int latentDimension() {
        return pca().components();
    }

    @Override
    public int inputDimension() {
        return (int) pca().mean().columns();
    }

    public INDArray explainedVariance() {
        return pca().explainedVariance();
    }

    public INDArray explainedVarianceRatio() {
        return pca().explainedVarianceRatio();
    }

    /** The reconstruction {@code inverseTransform(transform(x))}. */
    @Override
    public INDArray forward(INDArray input) {
        return inverseTransform(transform(input));
    }

    /** PCA has no trainable parameters: an empty vector. */
    @Override
    public INDArray parameters() {
        return Nd4j.empty();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    private void requireFitted() {
        if (pca == null) {
            throw new LvaException("PCA is not fitted; call fit first");
        }
    }
}
