package dev.lva.models;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.api.TrainableModel;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.data.ImageBytes;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import dev.lva.core.tensor.Wrapped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every lva model built from layers shares: named parts (an encoder, a decoder) whose
 * parameters live in one flat buffer, initialised from a seed, a train/eval mode, and the
 * conversion of user arrays to the model's precision.
 */
public abstract class NetworkModel implements TrainableModel {
    private final Map<String, Layer> parts;
    private final ParameterBuffer params;
    private final Wrapped inputs = new Wrapped();
    private final Wrapped targets = new Wrapped();
    private boolean training = true;

    /** Lays out and initialises the parts in order, drawing from one generator seeded with {@code seed}. */
    protected NetworkModel(Map<String, ? extends Layer> parts, DataType type, long seed) {
        this.parts = new LinkedHashMap<>(parts);
        this.params = ParameterBuffer.allocate(type, this.parts);
        TorchGenerator rng = new TorchGenerator(seed);
        for (Layer l : this.parts.values()) {
            l.initialize(rng);
        }
    }

    /** Columns a row of input has (an image's channels times pixels). */
    public abstract int inputWidth();

    public DataType dataType() {
        return params.dataType();
    }

    public ParameterBuffer parameterBuffer() {
        return params;
    }

    /** The named parts, in layout order. */
    public Map<String, Layer> parts() {
        return java.util.Collections.unmodifiableMap(parts);
    }

    @Override
    public INDArray parameters() {
        return params.values();
    }

    @Override
    public INDArray gradients() {
        return params.gradients();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** Every parameter by its name in the layout ({@code encoder.0.weight}), as views into {@link #parameters()}. */
    @Override
    public Map<String, INDArray> namedParameters() {
        Map<String, INDArray> named = new LinkedHashMap<>();
        for (int i = 0; i < params.entries().size(); i++) {
            named.put(params.entries().get(i).name(), params.value(i).array());
        }
        return named;
    }

    /** Non-parameter state of every part (spectral norm's u and v), keyed {@code part.layer.name}. */
    @Override
    public Map<String, StateDict> states() {
        Map<String, StateDict> all = new LinkedHashMap<>();
        parts.forEach((name, layer) -> layer.states().forEach((k, v) -> all.put(name + "." + k, v)));
        return all;
    }

    @Override
    public void loadStates(Map<String, StateDict> states) {
        parts.forEach((name, layer) -> {
            Map<String, StateDict> own = new LinkedHashMap<>();
            String prefix = name + ".";
            states.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    own.put(k.substring(prefix.length()), v);
                }
            });
            layer.loadStates(own);
        });
    }

    /** A training batch as a matrix: the trainer passes the same arrays every step, so this does not allocate. */
    protected Matrix trainingInput(INDArray x, int width) {
        return inputs.holds(x) ? inputs.of(x) : requireWidth(x.dataType() == dataType() && Matrix.isDenseRowMajor(x)
                ? inputs.of(x) : Matrix.copyOf(x, dataType()), width, "input");
    }

    protected Matrix trainingTarget(INDArray y, int width) {
        return targets.holds(y) ? targets.of(y) : requireWidth(y.dataType() == dataType() && Matrix.isDenseRowMajor(y)
                ? targets.of(y) : Matrix.copyOf(y, dataType()), width, "target");
    }

    /** Any user array as a matrix in the model's precision (copied when needed). */
    protected Matrix userInput(INDArray x, int width, String what) {
        if (x.rank() != 2) {
            throw new LvaException(what + " must be a matrix (rows are samples), got shape "
                    + Arrays.toString(x.shape()));
        }
        // image bytes by the pixel rule (divided by 255), never cast as 0..255
        INDArray values = ImageBytes.isBytes(x) ? ImageBytes.pixels(x, dataType()) : x;
        return requireWidth(Matrix.copyOf(values, dataType()), width, what);
    }

    /**
     * Frees the copy {@link #userInput} converted from image bytes once a pass in evaluation mode is
     * done with it (training keeps a layer's input for the backward pass): left to the collector, a
     * batch's copy stays in native memory long after, as a small heap is seldom collected.
     */
    protected void releaseInput(Matrix input, INDArray given) {
        if (ImageBytes.isBytes(given) && !isTraining() && input.array() != given && input.array().closeable()) {
            input.array().close();
        }
    }

    private Matrix requireWidth(Matrix m, int width, String what) {
        if (m.cols() != width) {
            throw new LvaException(getClass().getSimpleName() + " expects " + what + " with " + width
                    + " columns, got " + m.cols());
        }
        return m;
    }
}
