package dev.lva.api;

/**
 * The loss of one training step, split into the data term (reconstruction, regression error) and
 * the penalty term (already multiplied by its weight), so that {@code total = data + penalty}.
 */
public record StepLoss(double total, double data, double penalty) {
    public static StepLoss of(double data, double penalty) {
        return new StepLoss(data + penalty, data, penalty);
    }

    public boolean isFinite() {
        return Double.isFinite(total) && Double.isFinite(data) && Double.isFinite(penalty);
    }
}
