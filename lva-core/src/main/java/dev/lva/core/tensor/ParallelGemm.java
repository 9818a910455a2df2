package dev.lva.core.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products cut over {@link Workers}, each block a single-threaded OpenBLAS call, so the
 * blocks never wait for each other. One product is cut by rows of the result (by columns when it
 * is wider than tall: cutting 32 rows into two 16-row halves measured slower than one thread). Two
 * independent products share the threads instead: on two threads each runs whole on its own core,
 * which measured ~10% faster than cutting both (each cut block packs its own copy of the shared
 * operand). One instance per calling thread, reused, so a product allocates nothing.
 */
final class ParallelGemm implements Workers.Task {
    /** Products smaller than this many multiply-adds (~30 us) are not worth a hand-off. */
    static final long MIN_WORK = 1L << 20;
    /** Blocks are multiples of OpenBLAS's kernel size, so no part gets a ragged edge it need not. */
    private static final int ALIGN = 16;

    private static final ThreadLocal<ParallelGemm> PER_THREAD = ThreadLocal.withInitial(ParallelGemm::new);

    private final Block first = new Block();
    private final Block second = new Block();
    private int blocksEach;

    static boolean worthIt(int m, int n, int k) {
        return Workers.parallelism() > 1 && (long) m * n * k >= MIN_WORK && Math.max(m, n) >= 4 * ALIGN;
    }

    /** One product, dimensions already checked. */
    static void run(boolean transA, boolean transB, int m, int n, int k, double alpha, Matrix a, Matrix b,
                    double beta, Matrix c) {
        ParallelGemm g = PER_THREAD.get();
        int parts = Workers.parallelism();
        g.first.set(transA, transB, m, n, k, alpha, a, b, beta, c, parts);
        g.blocksEach = parts;
        Workers.run(g, parts);
    }

    /** Two independent products (no output of one is an input of the other), dimensions already checked. */
    static void runBoth(Blas.Product p, Blas.Product q) {
        ParallelGemm g = PER_THREAD.get();
        int each = Math.max(1, Workers.parallelism() / 2);
        g.first.set(p.transA, p.transB, p.m, p.n, p.k, p.alpha, p.a, p.b, p.beta, p.c, each);
        g.second.set(q.transA, q.transB, q.m, q.n, q.k, q.alpha, q.a, q.b, q.beta, q.c, each);
        g.blocksEach = each;
        Workers.run(g, 2 * each);
    }

    /** The cursors of {@link #rowsOnCaller}, one set per thread. */
    private static final ThreadLocal<Object[]> CURSORS = ThreadLocal.withInitial(() -> new Object[] {
        new FloatCursor(), new FloatCursor(), new FloatCursor(), new DoubleCursor(), new DoubleCursor(),
        new DoubleCursor()});

    /** {@code c[cAt..] = a[aRow..aRow+m) * op(b)} on this thread, arguments already checked. */
    static void rowsOnCaller(boolean transB, int m, int n, int k, Matrix a, int aRow, Matrix b, Matrix c, long cAt,
                             int ldc) {
        Object[] cursors = CURSORS.get();
        int tb = transB ? CblasTrans : CblasNoTrans;
        long aAt = (long) aRow * a.cols();
        if (c.isFloat()) {
            FloatCursor pa = ((FloatCursor) cursors[0]).at(a.pointer().address() + 4 * aAt);
            FloatCursor pb = ((FloatCursor) cursors[1]).at(b.pointer().address());
            FloatCursor pc = ((FloatCursor) cursors[2]).at(c.pointer().address() + 4 * cAt);
            openblas_nolapack.cblas_sgemm(CblasRowMajor, CblasNoTrans, tb, m, n, k, 1f, pa, a.cols(), pb, b.cols(),
                    0f, pc, ldc);
        } else {
            DoubleCursor pa = ((DoubleCursor) cursors[3]).at(a.pointer().address() + 8 * aAt);
            DoubleCursor pb = ((DoubleCursor) cursors[4]).at(b.pointer().address());
            DoubleCursor pc = ((DoubleCursor) cursors[5]).at(c.pointer().address() + 8 * cAt);
            openblas_nolapack.cblas_dgemm(CblasRowMajor, CblasNoTrans, tb, m, n, k, 1, pa, a.cols(), pb, b.cols(), 0,
                    pc, ldc);
        }
    }

    @Override
    public void run(int part, int parts) {
        (part < blocksEach ? first : second).runBlock(part % blocksEach, blocksEach);
    }

    /** One product's operands as addresses, and the pointers its blocks pass to OpenBLAS. */
    private static final class Block {
        private boolean transA;
        private boolean transB;
        private boolean isFloat;
        private int m;
        private int n;
        private int k;
        private double alpha;
        private double beta;
        private long a;
        private long b;
        private long c;
        private int lda;
        private int ldb;
        private int ldc;
        private FloatCursor[] floats = new FloatCursor[0];
        private DoubleCursor[] doubles = new DoubleCursor[0];

        void set(boolean transA, boolean transB, int m, int n, int k, double alpha, Matrix a, Matrix b, double beta,
                 Matrix c, int blocks) {
            this.transA = transA;
            this.transB = transB;
            this.isFloat = c.isFloat();
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a.pointer().address();
            this.b = b.pointer().address();
            this.c = c.pointer().address();
            this.lda = a.cols();
            this.ldb = b.cols();
            this.ldc = c.cols();
            int count = 3 * blocks;
            if (floats.length < count) {
                floats = new FloatCursor[count];
                doubles = new DoubleCursor[count];
                for (int i = 0; i < count; i++) {
                    floats[i] = new FloatCursor();
                    doubles[i] = new DoubleCursor();
                }
            }
        }

        void runBlock(int block, int blocks) {
            boolean byRows = m >= n;
            int size = byRows ? m : n;
            int from = Workers.start(size, block, blocks, ALIGN);
            int to = Workers.start(size, block + 1, blocks, ALIGN);
            if (to <= from) {
                return;
            }
            int rows = byRows ? to - from : m;
            int cols = byRows ? n : to - from;
            // row r of op(a) starts at a[r][0], or at a[0][r] when a is stored transposed;
            // column j of op(b) starts at b[0][j], or at b[j][0] when b is stored transposed
            long aOffset = !byRows ? 0 : transA ? from : (long) from * lda;
            long bOffset = byRows ? 0 : transB ? (long) from * ldb : from;
            long cOffset = byRows ? (long) from * ldc : from;
            int ta = transA ? CblasTrans : CblasNoTrans;
            int tb = transB ? CblasTrans : CblasNoTrans;
            int slot = 3 * block;
            if (isFloat) {
                FloatCursor pa = floats[slot].at(a + 4 * aOffset);
                FloatCursor pb = floats[slot + 1].at(b + 4 * bOffset);
                FloatCursor pc = floats[slot + 2].at(c + 4 * cOffset);
                openblas_nolapack.cblas_sgemm(CblasRowMajor, ta, tb, rows, cols, k, (float) alpha, pa, lda, pb, ldb,
                        (float) beta, pc, ldc);
            } else {
                DoubleCursor pa = doubles[slot].at(a + 8 * aOffset);
                DoubleCursor pb = doubles[slot + 1].at(b + 8 * bOffset);
                DoubleCursor pc = doubles[slot + 2].at(c + 8 * cOffset);
                openblas_nolapack.cblas_dgemm(CblasRowMajor, ta, tb, rows, cols, k, alpha, pa, lda, pb, ldb, beta,
                        pc, ldc);
            }
        }
    }

    /** A float pointer that can be moved to any address without allocating (JavaCPP passes address + position). */
    private static final class FloatCursor extends FloatPointer {
        FloatCursor() {
            super((Pointer) null);
        }

        FloatCursor at(long addr) {
            address = addr;
            position = 0;
            return this;
        }
    }

    private static final class DoubleCursor extends DoublePointer {
        DoubleCursor() {
            super((Pointer) null);
        }

        DoubleCursor at(long addr) {
            address = addr;
            position = 0;
            return this;
        }
    }
}
