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
     * Where the last {@link #step} left a value that is not finite in the optimizer's own state,
     * such as {@code exp_avg_sq[17] = Infinity} (a gradient whose square overflows), or null when
     * all of it is finite. A trainer asks after every step, so this must be cheap: the built-in
     * optimizers note it while they update and search for the entry only when it is there. An
     * optimizer without state (or one that does not check) returns null.
     */
    default String nonFiniteState() {
        return null;
    }
}
