package dev.lva.core.kernel;

import dev.lva.core.tensor.Matrix;

/**
 * A scalar function applied entry by entry, as the kernels see it: its value and derivative define
 * it (the reference kernels use nothing else); the range methods are the optimised CPU kernel's
 * loops, which a function may replace with faster ones that give the same numbers.
 */
public interface PointwiseFunction {

    /** f(x). */
    double value(double x);

    /** f'(x), given also y = f(x). */
    double derivative(double x, double y);

    /** d f(x) / d a for a function with one learnable parameter a (PReLU's slope); 0 for the others. */
    default double parameterDerivative(double x) {
        return 0;
    }

    /** Whether {@link #parameterDerivative} is used; such a backward pass runs as one range (it sums). */
    default boolean hasParameter() {
        return false;
    }

    /** Writes f(x) into y for entries {@code from} to {@code to} (exclusive). */
    default void forwardRange(Matrix x, Matrix y, int from, int to) {
        for (int i = from; i < to; i++) {
            y.set(i, value(x.get(i)));
        }
    }

    /**
     * Writes dy * f'(x) into dx for entries {@code from} to {@code to} and returns the sum of
     * dy * df/da over them (0 without a parameter).
     */
    default double backwardRange(Matrix x, Matrix y, Matrix dy, Matrix dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx.set(i, dy.get(i) * derivative(x.get(i), y.get(i)));
        }
        return 0;
    }
}
