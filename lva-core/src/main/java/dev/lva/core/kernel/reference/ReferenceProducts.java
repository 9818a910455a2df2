package dev.lva.core.kernel.reference;

import dev.lva.api.LvaException;
import dev.lva.core.kernel.Products;
import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;

/** Products by their definitions: one double sum per result entry. */
final class ReferenceProducts implements Products {

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        int kb = transB ? b.cols() : b.rows();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new LvaException("gemm: op(a) is " + m + " x " + k + ", op(b) is " + kb + " x " + n + ", c is "
                    + c.rows() + " x " + c.cols());
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    double aij = transA ? a.get(l, i) : a.get(i, l);
                    double blj = transB ? b.get(j, l) : b.get(l, j);
                    s += aij * blj;
                }
                // as BLAS: with beta = 0 the old contents of c are not read (they may be NaN)
                c.set(i, j, beta == 0 ? alpha * s : alpha * s + beta * c.get(i, j));
            }
        }
    }

    @Override
    public void gemmBoth(Blas.Product first, Blas.Product second) {
        gemm(first.transA(), first.transB(), first.alpha(), first.a(), first.b(), first.beta(), first.c());
        gemm(second.transA(), second.transB(), second.alpha(), second.a(), second.b(), second.beta(), second.c());
    }

    @Override
    public void gemv(boolean transA, double alpha, Matrix a, Matrix x, double beta, Matrix y) {
        int outLen = transA ? a.cols() : a.rows();
        int inLen = transA ? a.rows() : a.cols();
        if (x.length() != inLen || y.length() != outLen) {
            throw new LvaException("gemv: op(a) is " + outLen + " x " + inLen + ", x has " + x.length()
                    + " entries, y has " + y.length());
        }
        for (int i = 0; i < outLen; i++) {
            double s = 0;
            for (int l = 0; l < inLen; l++) {
                s += (transA ? a.get(l, i) : a.get(i, l)) * x.get(l);
            }
            y.set(i, beta == 0 ? alpha * s : alpha * s + beta * y.get(i));
        }
    }

    @Override
    public void ger(double alpha, Matrix x, Matrix y, Matrix a) {
        if (a.rows() != x.length() || a.cols() != y.length()) {
            throw new LvaException("ger: x has " + x.length() + " entries, y " + y.length() + ", a is " + a.rows()
                    + " x " + a.cols());
        }
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                a.set(i, j, a.get(i, j) + alpha * x.get(i) * y.get(j));
            }
        }
    }

    @Override
    public void axpy(double alpha, Matrix x, Matrix y) {
        requireSameLength(x, y, "axpy");
        for (int i = 0; i < x.length(); i++) {
            y.set(i, y.get(i) + alpha * x.get(i));
        }
    }

    @Override
    public void scale(double alpha, Matrix x) {
        for (int i = 0; i < x.length(); i++) {
            x.set(i, alpha * x.get(i));
        }
    }

    @Override
    public void copy(Matrix x, Matrix y) {
        requireSameLength(x, y, "copy");
        for (int i = 0; i < x.length(); i++) {
            y.set(i, x.get(i));
        }
    }

    @Override
    public double dot(Matrix x, Matrix y) {
        requireSameLength(x, y, "dot");
        double s = 0;
        for (int i = 0; i < x.length(); i++) {
            s += x.get(i) * y.get(i);
        }
        return s;
    }

    private static void requireSameLength(Matrix x, Matrix y, String op) {
        if (x.length() != y.length()) {
            throw new LvaException(op + ": " + x + " and " + y + " differ in length");
        }
    }
}
