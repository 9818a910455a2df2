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

    public enum StopReason { COMPLETED, NON_FINITE_LOSS, REQUESTED }

    public boolean completed() {
        return stopReason == StopReason.COMPLETED;
    }
}
