package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable re-parametrization of a layer's weight (spectral normalization is one): the layer
 * stores the raw weight, trains it, and uses {@code forward(raw)} in its computation. Any state the
 * map keeps between calls (power-iteration vectors) is explicit and versioned, so checkpoints carry
 * it and a resumed run continues exactly. A parametrization is made for one layer by a
 * {@link Factory}, which sees the layer's weight and the operator it defines on the layer's input
 * shape ({@link WeightOperator}); plugins provide factories by name
 * ({@link dev.lva.api.plugin.ParametrizationProvider}).
 */
public interface Parametrization {

    /**
     * Writes the effective weight for {@code weight} into {@code out} (same shape). In training mode
     * the parametrization may advance its state first; in evaluation mode it must not.
     */
    void forward(INDArray weight, INDArray out, boolean training);

    /**
     * Given dLoss/dEffectiveWeight from the last {@link #forward} call, adds dLoss/dWeight into
     * {@code weightGradient}.
     */
    void backward(INDArray effectiveGradient, INDArray weightGradient);

    StateDict state();

    void loadState(StateDict state);

    /**
     * Makes one layer's parametrization once the weight has its initial values: it may draw its
     * state from {@code rng} (after the layer's own draws, as PyTorch does) and warm it up on the
     * operator.
     */
    @FunctionalInterface
    interface Factory {
        Parametrization create(WeightOperator weight, RandomSource rng);
    }
}
