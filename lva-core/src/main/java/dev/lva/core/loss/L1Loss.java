package dev.lva.core.loss;

/** Mean absolute error, as PyTorch's {@code L1Loss()}; the gradient at a tie is 0. */
public final class L1Loss extends ElementwiseLoss {
    @Override
    double term(double p, double t) {
        return Math.abs(p - t);
    }

    @Override
    double termDerivative(double p, double t) {
        return Math.signum(p - t);
    }
}
