package dev.lva.api;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model maps a batch (rows are samples) to outputs. Its trainable parameters live in one flat
 * array whose views the model's layers use, so an optimizer updates all of them at once. Models keep
 * working buffers and are not thread-safe; for inference, switch to evaluation mode (in training
 * mode a spectrally normalised layer advances its power iteration on every forward).
 *
 * <p>Its state, as PyTorch's {@code state_dict}: {@link #namedParameters()} and {@link #states()}
 * say what it holds, {@link #stateDict()} copies all of it into one {@link StateDict}, and
 * {@link #loadStateDict} loads that into the same architecture built again, checking every name and
 * shape first and naming the first that differs. A model built in code has this without being a plugin.
 */
public interface Model {

    /** Output for a batch of inputs (rows are samples), in the current mode; a fresh array. */
    INDArray forward(INDArray input);

    /** All trainable parameters as one flat row vector; writing into it changes the model. */
    INDArray parameters();

    /** Training mode (the default) or evaluation mode; spectral norm, for one, differs between them. */
    void setTraining(boolean training);

    boolean isTraining();

    /**
     * The trainable parameters by name ({@code encoder.0.weight}), in layout order, as views: writing
     * into one changes the model. Names are letters, digits, '.', '_' and '-'. The default is the
     * flat vector under the single name {@code parameters}; a model built from layers names each.
     */
    default Map<String, INDArray> namedParameters() {
        return Map.of("parameters", parameters());
    }

    /**
     * State that is not a parameter but belongs to the model (spectral norm's power-iteration
     * vectors, a least-volume autoencoder's pruning), by key, as copies; none by default.
     */
    default Map<String, StateDict> states() {
        return Map.of();
    }

    /**
     * Takes states as {@link #states()} gives them, keys and layouts already checked against it (as
     * {@link #loadStateDict} does). The default, for a model without states, accepts only none.
     */
    default void loadStates(Map<String, StateDict> states) {
        if (!states.isEmpty()) {
            throw new LvaException(getClass().getSimpleName() + " has no states, got " + states.keySet());
        }
    }

    /** A copy of everything the model holds, parameters and states, in one state dict (see {@link StateDicts}). */
    default StateDict stateDict() {
        return StateDicts.of(this);
    }

    /**
     * Loads a state dict that {@link #stateDict()} of the same architecture gave. Every name and shape
     * is checked before anything is written: a missing, unexpected or differently shaped entry fails
     * with an {@link LvaException} naming the first one, and the model is left as it was.
     */
    default void loadStateDict(StateDict state) {
        StateDicts.load(this, state);
    }
}
