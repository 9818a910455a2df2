package dev.lva.core.regularize;

import dev.lva.core.tensor.Matrix;

/** A latent penalty that is the mean over all entries of a function of each entry (lasso, Student-t). */
abstract class ElementwisePenalty extends ActivationRegularizer {

    ElementwisePenalty(double lambda) {
        super(lambda);
    }

    /** The penalty of one entry. */
    abstract double term(double z);

    /** Its derivative. */
    abstract double derivative(double z);

    @Override
    public final double valueAndGradient(Matrix z, Matrix gradient, double scale) {
        int n = z.length();
        double sum = 0;
        double k = scale / n;
        for (int i = 0; i < n; i++) {
            double v = z.get(i);
            sum += term(v);
            if (gradient != null) {
                gradient.set(i, gradient.get(i) + k * derivative(v));
            }
        }
        return sum / n;
    }
}
