package dev.lva.core.kernel;

import dev.lva.core.tensor.Matrix;

/** Element-wise functions over all entries of a matrix (same shapes in and out). */
public interface Elementwise {

    /** {@code y = f(x)}. */
    void forward(PointwiseFunction f, Matrix x, Matrix y);

    /**
     * {@code dx = dy * f'(x)} (y = f(x) given, for derivatives cheaper through it); returns
     * {@code sum dy * df/da} for a function with a learnable parameter a, 0 for the others.
     */
    double backward(PointwiseFunction f, Matrix x, Matrix y, Matrix dy, Matrix dx);
}
