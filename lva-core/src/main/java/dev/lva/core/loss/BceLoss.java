package dev.lva.core.loss;

/**
 * Binary cross-entropy on probabilities (the output of a sigmoid), as PyTorch's {@code BCELoss()}:
 * {@code -(t log p + (1 - t) log(1 - p))}, each log clamped at -100 so that p = 0 or 1 stays finite.
 */
public final class BceLoss extends ElementwiseLoss {
    private static final double EPSILON = 1e-12;

    @Override
    double term(double p, double t) {
        double logP = Math.max(Math.log(p), -100);
        double log1mP = Math.max(Math.log1p(-p), -100);
        return -(t * logP + (1 - t) * log1mP);
    }

    @Override
    double termDerivative(double p, double t) {
        return (p - t) / Math.max((1 - p) * p, EPSILON);
    }
}
