package dev.lva.api;

/** Observes a training run: loss per step and per epoch, start and end. All methods are optional. */
public interface TrainingListener {

    default void onStart(TrainingRun run) {
    }

    /** After the optimizer step numbered {@code run.step()} (1-based), with that step's loss. */
    default void onStep(TrainingRun run, StepLoss loss) {
    }

    /** After epoch {@code epoch} (0-based), with the mean total loss over its steps. */
    default void onEpochEnd(TrainingRun run, int epoch, double meanLoss) {
    }

    default void onEnd(TrainingRun run, TrainingResult result) {
    }
}
