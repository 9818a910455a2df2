package dev.lva.core.regularize;

import dev.lva.core.tensor.Matrix;

/** The lasso baseline: {@code mean |z|} over all entries; gradient sign(z) / (N d), 0 at 0. */
public final class LassoRegularizer extends ActivationRegularizer {
    public LassoRegularizer(double lambda) {
        super(lambda);
    }

    @Override
    public double valueAndGradient(Matrix z, Matrix gradient, double scale) {
        int n = z.length();
        double sum = 0;
        double k = scale / n;
        for (int i = 0; i < n; i++) {
            double v = z.get(i);
            sum += Math.abs(v);
            if (gradient != null) {
                gradient.set(i, gradient.get(i) + k * Math.signum(v));
            }
        }
        return sum / n;
    }
}
