package dev.lva.core.kernel.cpu;

import dev.lva.core.kernel.Products;
import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;

/** Products as {@link Blas} calls into nd4j-native's OpenBLAS. */
final class CpuProducts implements Products {

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        Blas.gemm(transA, transB, alpha, a, b, beta, c);
    }

    @Override
    public void gemmBoth(Blas.Product first, Blas.Product second) {
        Blas.gemmBoth(first, second);
    }

    @Override
    public void gemv(boolean transA, double alpha, Matrix a, Matrix x, double beta, Matrix y) {
        Blas.gemv(transA, alpha, a, x, beta, y);
    }

    @Override
    public void ger(double alpha, Matrix x, Matrix y, Matrix a) {
        Blas.ger(alpha, x, y, a);
    }

    @Override
    public void axpy(double alpha, Matrix x, Matrix y) {
        Blas.axpy(alpha, x, y);
    }

    @Override
    public void scale(double alpha, Matrix x) {
        Blas.scal(alpha, x);
    }

    @Override
    public void copy(Matrix x, Matrix y) {
        Blas.copy(x, y);
    }

    @Override
    public double dot(Matrix x, Matrix y) {
        return Blas.dot(x, y);
    }
}
