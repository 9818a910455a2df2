package dev.lva.core.regularize;

/** The lasso baseline: {@code mean |z|} over all entries; gradient sign(z) / (N d), 0 at 0. */
public final class LassoRegularizer extends ElementwisePenalty {
    public LassoRegularizer(double lambda) {
        super(lambda);
    }

    @Override
    double term(double z) {
        return Math.abs(z);
    }

    @Override
    double derivative(double z) {
        return Math.signum(z);
    }
}
