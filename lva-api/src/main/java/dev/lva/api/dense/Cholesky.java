package dev.lva.api.dense;

import dev.lva.api.LvaException;

/**
 * The Cholesky factor {@code A = L L^T} of a symmetric positive definite n x n matrix (row-major
 * {@code double[]}), with what penalties on covariances need: the log-determinant and the inverse
 * (the gradient of the log-determinant).
 */
public final class Cholesky {
    private final int n;
    private final double[] lower;

    private Cholesky(int n, double[] lower) {
        this.n = n;
        this.lower = lower;
    }

    /**
     * Factors {@code a} (n x n, row-major; only its lower triangle is read).
     *
     * @param what names the matrix in the error when it is not positive definite
     */
    public static Cholesky of(double[] a, int n, String what) {
        if (n < 1 || a.length < (long) n * n) {
            throw new LvaException(what + ": expected " + n + " x " + n + " entries, got " + a.length);
        }
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new LvaException(what + " is not positive definite (pivot " + i + " is " + s
                                + "); add a multiple of the identity, e.g. cov + eta^2 I");
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return new Cholesky(n, l);
    }

    public int size() {
        return n;
    }

    /** L, row-major (upper triangle zero); a copy. */
    public double[] lower() {
        return lower.clone();
    }

    /** log det A = 2 sum_i log L_ii. */
    public double logDeterminant() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(lower[i * n + i]);
        }
        return 2 * s;
    }

    /** A^-1 = L^-T L^-1, row-major; symmetric, so it is also d(log det A)/dA. */
    public double[] inverse() {
        // M = L^-1 by forward substitution, column by column of the identity
        double[] m = new double[n * n];
        for (int c = 0; c < n; c++) {
            for (int i = c; i < n; i++) {
                double s = i == c ? 1 : 0;
                for (int k = c; k < i; k++) {
                    s -= lower[i * n + k] * m[k * n + c];
                }
                m[i * n + c] = s / lower[i * n + i];
            }
        }
        // A^-1 = M^T M; M is lower triangular, so entry (i, j) sums over k >= max(i, j)
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < n; k++) {
                    s += m[k * n + i] * m[k * n + j];
                }
                inv[i * n + j] = s;
                inv[j * n + i] = s;
            }
        }
        return inv;
    }
}
