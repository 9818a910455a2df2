package dev.lva.api;

import java.util.Map;

/**
 * Where a training run ended, as much as a checkpoint needs to continue it: what a trainer returns in
 * {@link TrainingResult#finalState()}, so that a caller saves or resumes without knowing the trainer's class.
 *
 * @param step      optimizer steps taken in total
 * @param trainer   the trainer's own state (epoch, batch, shuffling), which
 *                  {@link ResumableTrainer#fit(TrainableModel, Optimizer, TrainingData, java.util.List, StateDict)}
 *                  continues from; null when the trainer cannot be resumed
 * @param optimizer the optimizer's state after the last step
 * @param listeners the states of the run's {@link Stateful} listeners (a stopping rule's), by key
 */
public record TrainingState(long step, StateDict trainer, StateDict optimizer, Map<String, StateDict> listeners) {
    public TrainingState {
        listeners = Map.copyOf(listeners);
    }

    public boolean resumable() {
        return trainer != null;
    }
}
