package dev.lva.api;

import java.util.List;

/**
 * A trainer that can continue a run where a checkpoint left it: its position (epoch, batch,
 * shuffling state) is a {@link StateDict}, which {@link TrainingRun#trainerState()} gives while it
 * runs and {@link TrainingResult#finalState()} at the end. A trainer plugin that implements this is
 * checkpointed and resumed like the built-in one.
 */
public interface ResumableTrainer extends Trainer {

    /**
     * Continues a run from {@code from} (null: a fresh run, as {@link #fit(TrainableModel, Optimizer,
     * TrainingData, List)}). Given the same model, optimizer state, data and options, it takes the same
     * steps an uninterrupted run would have.
     */
    TrainingResult fit(TrainableModel model, Optimizer optimizer, TrainingData data, List<TrainingListener> listeners,
                       StateDict from);

    @Override
    default TrainingResult fit(TrainableModel model, Optimizer optimizer, TrainingData data,
                               List<TrainingListener> listeners) {
        return fit(model, optimizer, data, listeners, null);
    }
}
