package dev.lva.core.kernel;

import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;

/** Dense products over row-major {@link Matrix} views (both precisions; operands of one call share one). */
public interface Products {

    /** {@code c = alpha * op(a) * op(b) + beta * c}, op being the transpose when asked. */
    void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c);

    /** Two independent products (neither writes what the other reads); an implementation may run them side by side. */
    void gemmBoth(Blas.Product first, Blas.Product second);

    /** {@code y = alpha * op(a) * x + beta * y}, x and y read as vectors. */
    void gemv(boolean transA, double alpha, Matrix a, Matrix x, double beta, Matrix y);

    /** {@code a += alpha * x y^T}, x and y read as vectors. */
    void ger(double alpha, Matrix x, Matrix y, Matrix a);

    /** {@code y += alpha * x} over all entries. */
    void axpy(double alpha, Matrix x, Matrix y);

    /** {@code x *= alpha}. */
    void scale(double alpha, Matrix x);

    /** {@code y = x}. */
    void copy(Matrix x, Matrix y);

    /** The sum of the products of all entries. */
    double dot(Matrix x, Matrix y);
}
