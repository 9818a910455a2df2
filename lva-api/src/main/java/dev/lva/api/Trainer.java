package dev.lva.api;

import java.util.List;

/** Fits a trainable model to data with an optimizer, reporting to listeners. */
public interface Trainer {

    TrainingResult fit(TrainableModel model, Optimizer optimizer, TrainingData data, List<TrainingListener> listeners);
}
