package dev.lva.core.nn;

import dev.lva.api.StateDict;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.List;
import java.util.Map;

/**
 * One differentiable step of a network with its own forward and backward pass; there is no graph
 * interpreter. A layer owns its output and input-gradient buffers (allocated once per batch size) and
 * remembers what backward needs from the last forward. Parameters live in a shared flat buffer that
 * {@link ParameterBuffer} hands out as views through {@link #bind}.
 *
 * <p>Contract of one training step: {@code forward(x, true)}, then {@code backward(dOut, ...)} once,
 * which ADDS the parameter gradients into the bound gradient views (the model zeroes them per step).
 * The returned matrices belong to the layer: the next call with the same batch size overwrites them.
 * A layer is not thread-safe; use one model per thread.
 *
 * <p>Shapes: a batch is a {@link Matrix} of N rows, each holding one sample in the row-major order
 * of the sample's {@link Shape} ({@code N x D}, or {@code N x C x H x W} for images). A layer reports
 * its output shape from its input shape, so a network checks its chain of shapes when it is built.
 */
public interface Layer {

    /**
     * The shape of one output sample for one input sample of shape {@code input}; fails, naming this
     * layer and both shapes, when the input does not fit. Changes nothing.
     */
    Shape outputShape(Shape input);

    /** Output columns for an input of {@code inputWidth} plain features ({@code N x inputWidth}). */
    default int outputWidth(int inputWidth) {
        return outputShape(Shape.features(inputWidth)).size();
    }

    /**
     * Connects this layer to inputs of shape {@code input} and returns its output shape; called once
     * when a network is put together ({@link Sequential} does it for its layers), before the
     * parameters are initialised. Most layers only check the shape; a convolution keeps the
     * geometry it will compute on, and its operator-norm parametrization draws vectors of that shape.
     */
    default Shape connect(Shape input) {
        return outputShape(input);
    }

    /** Shapes of this layer's trainable parameters, in flat-buffer order; empty for most activations. */
    default List<ParamSpec> parameterSpecs() {
        return List.of();
    }

    /** Receives views of the flat parameter and gradient buffers, one per {@link #parameterSpecs()} entry. */
    default void bind(List<Matrix> values, List<Matrix> gradients) {
    }

    /** Writes initial parameter values into the bound views. */
    default void initialize(TorchGenerator rng) {
    }

    Matrix forward(Matrix input, boolean training);

    /**
     * Accumulates parameter gradients for the last forward and returns dLoss/dInput, or null when
     * {@code needInputGradient} is false (the first layer of a network need not compute it).
     */
    Matrix backward(Matrix outputGradient, boolean needInputGradient);

    /** Non-parameter state to checkpoint (spectral norm's u and v), keyed by a name unique in the layer. */
    default Map<String, StateDict> states() {
        return Map.of();
    }

    default void loadStates(Map<String, StateDict> states) {
    }

    /** A short description such as {@code Linear(3 -> 48)}. */
    String describe();
}
