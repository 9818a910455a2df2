package dev.lva.core.regularize;

import dev.lva.core.tensor.Matrix;

/** The Student-t (Cauchy) sparsity baseline: {@code mean log(1 + z^2)} over all entries. */
public final class StudentTRegularizer extends ActivationRegularizer {
    public StudentTRegularizer(double lambda) {
        super(lambda);
    }

    @Override
    public double valueAndGradient(Matrix z, Matrix gradient, double scale) {
        int n = z.length();
        double sum = 0;
        double k = scale / n;
        for (int i = 0; i < n; i++) {
            double v = z.get(i);
            sum += Math.log1p(v * v);
            if (gradient != null) {
                gradient.set(i, gradient.get(i) + k * 2 * v / (1 + v * v));
            }
        }
        return sum / n;
    }
}
