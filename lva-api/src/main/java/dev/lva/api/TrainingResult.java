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
 */
public record TrainingResult(long steps, int epochs, StepLoss lastLoss, StopReason stopReason, String message,
                             double seconds) {

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
