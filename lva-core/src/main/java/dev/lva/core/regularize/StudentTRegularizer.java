package dev.lva.core.regularize;

/** The Student-t (Cauchy) sparsity baseline: {@code mean log(1 + z^2)} over all entries. */
public final class StudentTRegularizer extends ElementwisePenalty {
    public StudentTRegularizer(double lambda) {
        super(lambda);
    }

    @Override
    double term(double z) {
        return Math.log1p(z * z);
    }

    @Override
    double derivative(double z) {
        return 2 * z / (1 + z * z);
    }
}
