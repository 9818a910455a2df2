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
}
