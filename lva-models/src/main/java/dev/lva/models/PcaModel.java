package dev.lva.models;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.core.nn.Shape;
import dev.lva.core.pca.Pca;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    /** Key of a fitted PCA's state. */
    public static final String PCA_STATE = "pca";
    public static final int PCA_STATE_VERSION = 1;
    /** The state's array of the fitted samples' shape (C, H, W), present only when they were not rows. */
    public static final String SAMPLE_SHAPE = "sample_shape";
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

    /** None: PCA is fitted, not trained. */
    @Override
    public Map<String, INDArray> namedParameters() {
        return Map.of();
    }

    /**
     * A fitted PCA's mean, components and singular values under {@value #PCA_STATE}, and for a PCA fitted on
     * images their sample shape ({@value #SAMPLE_SHAPE}, e.g. {@code [1, 32, 32]}), so that a loaded model
     * answers {@link #inverseTransformShaped} in it; none before it is fitted.
     */
    @Override
    public Map<String, StateDict> states() {
        if (pca == null) {
            return Map.of();
        }
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("mean", pca.mean().dup());
        arrays.put("components", pca.componentMatrix().dup());
        arrays.put("singular_values", pca.singularValues().dup());
        if (sample != null) {
            // optional, so that a state of rows reads as before and an older build ignores it; doubles, as state
            // files store floating point arrays only (whole numbers up to 2^53 exactly)
            arrays.put(SAMPLE_SHAPE, Nd4j.createFromArray(Arrays.stream(sample.dims()).asDoubleStream().toArray()));
        }
        return Map.of(PCA_STATE, new StateDict(PCA_STATE_VERSION, arrays,
                Map.of("samples", (double) pca.samples(), "total_variance", pca.totalVariance())));
    }

    /**
     * PCA learns its shapes from the data, so a state dict is loaded into an unfitted model too (its
     * arrays are checked against each other, and against the number of components asked for).
     */
    @Override
    public void loadStateDict(StateDict state) {
        state.requireVersion(dev.lva.api.StateDicts.VERSION, "PcaModel state dict");
        String p = PCA_STATE + ".";
        for (String name : state.arrays().keySet()) {
            if (!name.startsWith(p)) {
                throw new LvaException("PcaModel: '" + name + "' of the state dict is not in the model (it has state "
                        + PCA_STATE + ")");
            }
        }
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        for (String name : List.of("mean", "components", "singular_values")) {
            arrays.put(name, state.array(p + name, "PcaModel"));
        }
        if (state.arrays().containsKey(p + SAMPLE_SHAPE)) {
            arrays.put(SAMPLE_SHAPE, state.arrays().get(p + SAMPLE_SHAPE));
        }
        StateDict own = new StateDict((int) Math.rint(state.scalar(PCA_STATE + "._version", "PcaModel")), arrays,
                Map.of("samples", state.scalar(p + "samples", "PcaModel"),
                        "total_variance", state.scalar(p + "total_variance", "PcaModel")));
        loadStates(Map.of(PCA_STATE, own));
    }

    @Override
    public void loadStates(Map<String, StateDict> states) {
        StateDict s = states.get(PCA_STATE);
        if (s == null || states.size() != 1) {
            throw new LvaException("PcaModel keeps one state, '" + PCA_STATE + "'; got " + states.keySet());
        }
        s.requireVersion(PCA_STATE_VERSION, "PCA");
        INDArray mean = s.array("mean", "PCA");
        INDArray comps = s.array("components", "PCA");
        INDArray sv = s.array("singular_values", "PCA");
        if (comps.rank() != 2 || mean.length() != comps.columns() || sv.length() != comps.rows()) {
            throw new LvaException("PCA state: components of shape " + java.util.Arrays.toString(comps.shape())
                    + " do not fit a mean of " + mean.length() + " and " + sv.length() + " singular values");
        }
        if (components != 0 && comps.rows() != components) {
            throw new LvaException("PCA state holds " + comps.rows() + " components, this model keeps " + components);
        }
        Shape shape = s.arrays().containsKey(SAMPLE_SHAPE) ? sampleShape(s.arrays().get(SAMPLE_SHAPE), mean.length()) : null;
        pca = Pca.of(mean, comps, sv, (int) s.scalar("samples", "PCA"), s.scalar("total_variance", "PCA"));
        sample = shape;
    }

    /** The stored sample shape, checked: positive whole dimensions whose product is the mean's length. */
    private static Shape sampleShape(INDArray stored, long features) {
        double[] v = stored.rank() == 0 || stored.isEmpty() ? new double[0] : stored.data().asDouble();
        int[] dims = new int[v.length];
        long product = 1;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 1 && v[i] <= Integer.MAX_VALUE && v[i] == Math.rint(v[i]))) {
                product = -1;
                break;
            }
            dims[i] = (int) v[i];
            product *= dims[i];
        }
        if (v.length < 2 || product != features) {
            throw new LvaException("PCA state: " + SAMPLE_SHAPE + " " + Arrays.toString(v)
                    + " is not a sample shape of " + features + " values (positive whole dimensions, C x H x W)");
        }
        return Shape.of(dims);
    }

    private void requireFitted() {
        if (pca == null) {
            throw new LvaException("PCA is not fitted; call fit first");
        }
    }
}
