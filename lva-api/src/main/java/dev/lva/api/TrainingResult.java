package dev.lva.api;

/**
 * How a training run ended.
 *
 * @param steps       optimizer steps taken in total (a resumed run counts the earlier ones too)
 * @param epochs      complete epochs
 * @param lastLoss    loss of the last finished step (NaN if none)
 * @param stopReason  why it stopped
 * @param message     human-readable detail (the step with the non-finite loss, a listener's reason)
 * @param seconds     wall time of this call
 * @param finalState  where the run ended (the trainer's state, the optimizer's, the stateful listeners'),
 *                    enough to checkpoint or continue it; null from a trainer that does not report it.
 *                    After a non-finite stop it holds what the failed step left, not worth saving.
 */
public record TrainingResult(long steps, int epochs, StepLoss lastLoss, StopReason stopReason, String message,
                             double seconds, TrainingState finalState) {

    /** A result without a final state (a trainer that cannot be resumed). */
    public TrainingResult(long steps, int epochs, StepLoss lastLoss, StopReason stopReason, String message,
                          double seconds) {
        this(steps, epochs, lastLoss, stopReason, message, seconds, null);
    }

    /**
     * Why a run stopped. The three non-finite reasons stop before (loss, gradient) or right after
     * (parameters, optimizer state) the step that went wrong; the model then holds nothing worth
     * saving, and the last good checkpoint is what is left of the run.
     */
    public enum StopReason { COMPLETED, NON_FINITE_LOSS, NON_FINITE_GRADIENT, NON_FINITE_STATE, REQUESTED }

    public boolean completed() {
        return stopReason == StopReason.COMPLETED;
    }

    /** Whether a NaN or an infinity stopped the run (in the loss, a gradient, the parameters or the optimizer's state). */
    public boolean nonFinite() {
        return stopReason == StopReason.NON_FINITE_LOSS || stopReason == StopReason.NON_FINITE_GRADIENT
                || stopReason == StopReason.NON_FINITE_STATE;
    }
}
