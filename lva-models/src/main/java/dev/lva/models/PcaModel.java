package dev.lva.models;

import dev.lva.api.LvaException;
import dev.lva.core.nn.Shape;
import dev.lva.core.pca.Pca;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PCA as a {@link LatentModel}, so it compares with an autoencoder through one interface: fit,
 * transform, inverse transform, explained variance. It has no trainable parameters.
 *
 * <p>Samples are rows, or images ({@code N x C x H x W}) read as rows of {@code C * H * W} values in C
 * order, as an autoencoder takes them: PCA fitted on images transforms them or their rows alike, and
 * {@link #inverseTransformShaped} answers in the fitted images' shape.
 */
public final class PcaModel implements LatentModel {
    private final int components;
    private Pca pca;
    /** The shape of the samples fitted on, when they were not rows; null for rows. */
    private Shape sample;
    private boolean training = true;

    /** @param components components to keep; 0 keeps as many as the data allows */
    public PcaModel(int components) {
        if (components < 0) {
            throw new LvaException("PCA components must be >= 0, got " + components);
        }
        this.components = components;
    }

    /** Fits on rows, or on a batch of samples of any shape (images) read as rows. */
    public PcaModel fit(INDArray x) {
        Shape shape = x.rank() > 2 ? Shape.ofBatch(x.shape()) : null;
        pca = Pca.fit(shape == null ? x : x.reshape('c', x.size(0), shape.size()), components);
        sample = shape;
        return this;
    }

    /** The shape of one fitted sample: its features, or an image's {@code C x H x W}. */
    public Shape sampleShape() {
        return sample != null ? sample : Shape.features(inputDimension());
    }

    /** Samples as rows: a batch in another shape than the fitted images' is refused, naming both. */
    private INDArray rows(INDArray x) {
        if (x.rank() <= 2) {
            return x;
        }
        Shape shape = Shape.ofBatch(x.shape());
        boolean fits = sample != null ? shape.equals(sample) : shape.size() == inputDimension();
        if (!fits) {
            throw new LvaException("PCA was fitted on samples of shape " + sampleShape() + ", got a batch of shape "
                    + Arrays.toString(x.shape()));
        }
        return x.reshape('c', x.size(0), shape.size());
    }

    public Pca pca() {
        requireFitted();
        return pca;
    }

    @Override
    public INDArray transform(INDArray x) {
        return pca().transform(rows(x));
    }

    @Override
    public INDArray inverseTransform(INDArray z) {
        return pca().inverseTransform(z);
    }

    /** {@link #inverseTransform} in the fitted samples' shape. */
    @Override
    public INDArray inverseTransformShaped(INDArray z) {
        INDArray rows = inverseTransform(z);
        return sample == null ? rows : rows.reshape('c', sample.withBatch(rows.rows()));
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

    /** The reconstruction {@code inverseTransform(transform(x))}, in the shape {@code input} was given. */
    @Override
    public INDArray forward(INDArray input) {
        INDArray rows = inverseTransform(transform(input));
        return input.rank() <= 2 ? rows : rows.reshape('c', input.shape());
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
