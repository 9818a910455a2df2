package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Updates a flat parameter vector in place from its flat gradient, one step at a time. */
public interface Optimizer {

    void step(INDArray parameters, INDArray gradients);

    /** Steps taken so far (Adam's bias correction depends on it). */
    long iterations();

    double learningRate();

    void setLearningRate(double learningRate);

    /** Moments and step count, for checkpoints. */
    StateDict state();

    void loadState(StateDict state);

    /**
     * Loads a state for a model of {@code parameterCount} parameters, as a resumed run does: an
     * optimizer that keeps arrays per parameter checks their sizes against it first, so that a state
     * of another model fails with a clear message instead of a wrong step later. The default loads
     * without checking.
     */
    default void loadState(StateDict state, long parameterCount) {
        loadState(state);
    }

    /**
     * The first value of the optimizer's own state that is NaN or infinite, such as
     * {@code exp_avg_sq[17] = Infinity} (Adam's squared gradients overflowed float32), or null when
     * all of it is finite. A trainer asks after a step whose gradient could have overflowed the state
     * (its squares do not sum to a finite number), so this may search the whole state. An optimizer
     * without state (or one that does not check) returns null.
     */
    default String nonFiniteState() {
        return null;
    }
}
