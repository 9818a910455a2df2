package dev.lva.core.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import dev.lva.api.LvaException;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products as direct calls into the OpenBLAS that nd4j-native bundles (the same library
 * ND4J's own {@code gemm} ends in, minus ~20 us of per-call checks). Row-major throughout.
 */
public final class Blas {

    static {
        // loads nd4j-native first, so the OpenBLAS it links is the one initialised and configured
        Nd4j.getBackend();
        // the engine's first use: fast thread settings unless the user chose (a library user may never call Engine)
        dev.lva.core.Engine.firstUse();
    }

    private Blas() {
    }

    /** {@code c = alpha * op(a) * op(b) + beta * c}, op being the transpose when asked. */
    public static void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        requireConformable(transA, transB, a, b, c);
        if (m == 0 || n == 0) {
            return;
        }
        if (ParallelGemm.worthIt(m, n, k)) {
            ParallelGemm.run(transA, transB, m, n, k, alpha, a, b, beta, c);
            return;
        }
        gemmOnCaller(transA, transB, m, n, k, alpha, a, b, beta, c);
    }

    /**
     * {@link #gemm} on the calling thread alone: for one part of a job the caller already hands out over
     * the engine's workers (a layer's weight gradient beside the blocks of its input gradient).
     */
    public static void gemmOnCaller(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta,
                                    Matrix c) {
        requireConformable(transA, transB, a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        if (m == 0 || n == 0) {
            return;
        }
        gemmOnCaller(transA, transB, m, n, k, alpha, a, b, beta, c);
    }

    private static void gemmOnCaller(boolean transA, boolean transB, int m, int n, int k, double alpha, Matrix a,
                                     Matrix b, double beta, Matrix c) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.isFloat()) {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, (FloatPointer) a.pointer(),
                    a.cols(), (FloatPointer) b.pointer(), b.cols(), (float) beta, (FloatPointer) c.pointer(), c.cols());
        } else {
            openblas_nolapack.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, (DoublePointer) a.pointer(),
                    a.cols(), (DoublePointer) b.pointer(), b.cols(), beta, (DoublePointer) c.pointer(), c.cols());
        }
    }

    /**
     * {@code c = a[rows aRow..aRow+m) * op(b)} on the calling thread alone, c being the {@code m x n}
     * block at entry {@code cAt} of c's memory with row stride {@code ldc}: for a caller that already
     * splits its work over the engine's workers (one block of samples each), so that the block's
     * operands are still in the core's cache when the product reads them.
     */
    public static void gemmRowsOnCaller(boolean transB, Matrix a, int aRow, int m, Matrix b, Matrix c, long cAt,
                                        int ldc) {
        int k = a.cols();
        int n = transB ? b.rows() : b.cols();
        int kb = transB ? b.cols() : b.rows();
        if (aRow < 0 || m < 0 || aRow + m > a.rows() || kb != k || ldc < n || cAt < 0
                || (m > 0 && cAt + (long) (m - 1) * ldc + n > c.length())) {
            throw new LvaException("gemmRowsOnCaller: rows " + aRow + ".." + (aRow + m) + " of " + a + " times "
                    + (transB ? "the transpose of " : "") + b + " into " + c + " at " + cAt + " (stride " + ldc + ")");
        }
        requireSameType(a, b, c);
        if (m == 0 || n == 0) {
            return;
        }
        ParallelGemm.rowsOnCaller(transB, m, n, k, a, aRow, b, c, cAt, ldc);
    }

    /** {@link #gemm} of one product. */
    public static void gemm(Product p) {
        gemm(p.transA, p.transB, p.alpha, p.a, p.b, p.beta, p.c);
    }

    /**
     * Two independent products (neither writes what the other reads), such as a layer's weight and
     * input gradients: with two or more threads each gets its own share of them.
     */
    public static void gemmBoth(Product first, Product second) {
        if (first.c == second.c || first.c == second.a || first.c == second.b || second.c == first.a
                || second.c == first.b) {
            throw new LvaException("gemmBoth: the products share an output");
        }
        boolean both = Workers.parallelism() > 1 && (long) first.m * first.n * first.k >= ParallelGemm.MIN_WORK
                && (long) second.m * second.n * second.k >= ParallelGemm.MIN_WORK;
        if (both) {
            ParallelGemm.runBoth(first, second);
        } else {
            gemm(first);
            gemm(second);
        }
    }

    /**
     * The operands of {@code c = alpha * op(a) * op(b) + beta * c}, checked when set; a layer keeps one
     * per product it makes and re-sets it each step, so handing products around allocates nothing.
     */
    public static final class Product {
        boolean transA;
        boolean transB;
        double alpha;
        double beta;
        Matrix a;
        Matrix b;
        Matrix c;
        int m;
        int n;
        int k;

        public boolean transA() {
            return transA;
        }

        public boolean transB() {
            return transB;
        }

        public double alpha() {
            return alpha;
        }

        public double beta() {
            return beta;
        }

        public Matrix a() {
            return a;
        }

        public Matrix b() {
            return b;
        }

        public Matrix c() {
            return c;
        }

        public Product set(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
            requireConformable(transA, transB, a, b, c);
            this.transA = transA;
            this.transB = transB;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a;
            this.b = b;
            this.c = c;
            this.m = transA ? a.cols() : a.rows();
            this.k = transA ? a.rows() : a.cols();
            this.n = transB ? b.rows() : b.cols();
            return this;
        }
    }

    private static void requireConformable(boolean transA, boolean transB, Matrix a, Matrix b, Matrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new LvaException("gemm: op(a) is " + m + " x " + k + ", op(b) is " + kb + " x " + n + ", c is "
                    + c.rows() + " x " + c.cols());
        }
        requireSameType(a, b, c);
    }

    /** {@code y = alpha * op(a) * x + beta * y} with x and y read as vectors (any shape of the right length). */
    public static void gemv(boolean transA, double alpha, Matrix a, Matrix x, double beta, Matrix y) {
        int outLen = transA ? a.cols() : a.rows();
        int inLen = transA ? a.rows() : a.cols();
        if (x.length() != inLen || y.length() != outLen) {
            throw new LvaException("gemv: op(a) is " + outLen + " x " + inLen + ", x has " + x.length()
                    + " entries, y has " + y.length());
        }
        requireSameType(a, x, y);
        int ta = transA ? CblasTrans : CblasNoTrans;
        if (a.isFloat()) {
            openblas_nolapack.cblas_sgemv(CblasRowMajor, ta, a.rows(), a.cols(), (float) alpha,
                    (FloatPointer) a.pointer(), a.cols(), (FloatPointer) x.pointer(), 1, (float) beta,
                    (FloatPointer) y.pointer(), 1);
        } else {
            openblas_nolapack.cblas_dgemv(CblasRowMajor, ta, a.rows(), a.cols(), alpha, (DoublePointer) a.pointer(),
                    a.cols(), (DoublePointer) x.pointer(), 1, beta, (DoublePointer) y.pointer(), 1);
        }
    }

    /** {@code a += alpha * x y^T} (x and y read as vectors; a is len(x) x len(y)). */
    public static void ger(double alpha, Matrix x, Matrix y, Matrix a) {
        if (a.rows() != x.length() || a.cols() != y.length()) {
            throw new LvaException("ger: x has " + x.length() + " entries, y " + y.length() + ", a is " + a.rows()
                    + " x " + a.cols());
        }
        requireSameType(a, x, y);
        if (a.isFloat()) {
            openblas_nolapack.cblas_sger(CblasRowMajor, a.rows(), a.cols(), (float) alpha, (FloatPointer) x.pointer(),
                    1, (FloatPointer) y.pointer(), 1, (FloatPointer) a.pointer(), a.cols());
        } else {
            openblas_nolapack.cblas_dger(CblasRowMajor, a.rows(), a.cols(), alpha, (DoublePointer) x.pointer(), 1,
                    (DoublePointer) y.pointer(), 1, (DoublePointer) a.pointer(), a.cols());
        }
    }

    /** {@code y += alpha * x} over all entries (same length). */
    public static void axpy(double alpha, Matrix x, Matrix y) {
        requireSameLength(x, y, "axpy");
        if (x.isFloat()) {
            openblas_nolapack.cblas_saxpy(x.length(), (float) alpha, (FloatPointer) x.pointer(), 1,
                    (FloatPointer) y.pointer(), 1);
        } else {
            openblas_nolapack.cblas_daxpy(x.length(), alpha, (DoublePointer) x.pointer(), 1,
                    (DoublePointer) y.pointer(), 1);
        }
    }

    /** {@code x *= alpha}. */
    public static void scal(double alpha, Matrix x) {
        if (x.isFloat()) {
            openblas_nolapack.cblas_sscal(x.length(), (float) alpha, (FloatPointer) x.pointer(), 1);
        } else {
            openblas_nolapack.cblas_dscal(x.length(), alpha, (DoublePointer) x.pointer(), 1);
        }
    }

    /** {@code y = x}. */
    public static void copy(Matrix x, Matrix y) {
        requireSameLength(x, y, "copy");
        if (x.isFloat()) {
            openblas_nolapack.cblas_scopy(x.length(), (FloatPointer) x.pointer(), 1, (FloatPointer) y.pointer(), 1);
        } else {
            openblas_nolapack.cblas_dcopy(x.length(), (DoublePointer) x.pointer(), 1, (DoublePointer) y.pointer(), 1);
        }
    }

    /** Sum of the products of all entries. */
    public static double dot(Matrix x, Matrix y) {
        requireSameLength(x, y, "dot");
        if (x.isFloat()) {
            return openblas_nolapack.cblas_sdot(x.length(), (FloatPointer) x.pointer(), 1, (FloatPointer) y.pointer(), 1);
        }
        return openblas_nolapack.cblas_ddot(x.length(), (DoublePointer) x.pointer(), 1, (DoublePointer) y.pointer(), 1);
    }

    private static void requireSameLength(Matrix x, Matrix y, String op) {
        if (x.length() != y.length() || x.isFloat() != y.isFloat()) {
            throw new LvaException(op + ": " + x + " and " + y + " differ in length or type");
        }
    }

    /**
     * Threads for one product: OpenBLAS itself stays single-threaded and large products are cut by
     * rows over {@link Workers} instead (see there for why).
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new LvaException("threads must be >= 1, got " + threads);
        }
        openblas_nolapack.blas_set_num_threads(1);
        Workers.setParallelism(threads);
    }

    public static int threads() {
        return Workers.parallelism();
    }

    private static void requireSameType(Matrix a, Matrix b, Matrix c) {
        if (a.isFloat() != b.isFloat() || a.isFloat() != c.isFloat()) {
            throw new LvaException("mixed data types in one product: " + a.dataType() + ", " + b.dataType() + ", "
                    + c.dataType());
        }
    }
}
