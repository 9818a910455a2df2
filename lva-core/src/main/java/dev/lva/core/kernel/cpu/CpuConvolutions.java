package dev.lva.core.kernel.cpu;

import dev.lva.api.LvaException;
import dev.lva.core.kernel.ConvGeometry;
import dev.lva.core.kernel.Convolutions;
import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Workers;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Convolutions lowered to one large matrix product each (im2col). Every output position of every
 * sample becomes a row holding the input window it sees, taps in (kernel row, kernel column,
 * channel) order ({@code batch*Ho*Wo x kh*kw*in}); the convolution is {@code cols * W'^T}, W' the
 * weight with its axes in the same order, giving {@code batch*Ho*Wo x out}, the output with its
 * channels last. The weight gradient is {@code dY^T * cols}, the lowered input gradient
 * {@code dY * W'}, scattered back onto the input (col2im). OpenBLAS, cut over the engine's workers,
 * does nearly all the arithmetic (75-100 GFLOPS per core on the conv workload's shapes here).
 *
 * <p>Why channels last inside: a window is then kh*kw runs of {@code in} consecutive entries, so
 * lowering and scattering copy whole channel vectors (32 to 256 entries in the LV paper's nets)
 * where NCHW would copy runs of a few entries along an output row (measured: 2 ns per entry for
 * conv2 of the conv workload in NCHW). The samples are moved between NCHW and channels-last on heap
 * copies of a few samples at a time (the JIT compiles loops over arrays far better than over native
 * memory), and the groups of samples are handed out over the workers.
 *
 * <p>Where a sample has many output positions (the first layers of an encoder, the last of a decoder)
 * the passes are fused: a block of a few samples is lowered, multiplied (a single-threaded OpenBLAS
 * call on ~256 rows) and placed by one thread, so the lowered rows, written moments before, are still
 * in that core's cache, and the input gradient's lowered rows ({@code dY * W'}, 13 MB for the
 * workload's second layer) are never held whole. Products of 256 rows ran at ~100 GFLOPS a core from
 * cache against 75-87 for the whole batch's 6400 rows from memory.
 *
 * <p>A layer's bias and bias gradient ride on those heap copies: the bias is added to a group's output
 * after it is transposed (or gathered) into NCHW and before it goes back to native memory, and each
 * sample's channel sums of dy are taken from the copy that dy's transpose (or lowering) makes anyway, then
 * added up in sample order. Each was a pass of its own over the activations, native memory to heap and back.
 */
final class CpuConvolutions implements Convolutions {
    /** Below this many entries moved, a lowering pass stays on the caller. */
    private static final int PARALLEL_MIN = 1 << 15;
    /** Samples per group are chosen so a group's lowered rows hold at least this many entries. */
    private static final int GROUP_ENTRIES = 1 << 14;
    /** Channel runs at least this long are copied with System.arraycopy, shorter ones by a loop. */
    private static final int SHORT_RUN = 16;
    /** A fused block holds about this many lowered rows: enough for OpenBLAS's full speed (~100 GFLOPS a core
     *  measured at 256 rows of the conv workload's shapes, when the operands are in cache, against 75-87 for the
     *  whole batch's 6400 rows read from memory), little enough that the block's rows stay in cache. */
    private static final int FUSED_ROWS = 256;
    /** A batch is cut into at least this many fused blocks (when it has the samples), so that two to four
     *  threads share it evenly. */
    private static final int MIN_BLOCKS = 8;
    /** Below this many rows a block is not fused: the conv workload's last encoder layer in 52-row blocks, each
     *  re-reading its 2 MB weight, measured slower than whole (forward 6.9 ms a step against 5.9, one thread). */
    private static final int FUSED_MIN_ROWS = 128;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public Workspace workspace() {
        return new CpuWorkspace();
    }

    /** Keeps w with its axes in the lowered windows' order, for the calls until the next prepare. */
    @Override
    public void prepare(ConvGeometry g, Matrix w, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        ws.prepared = null;
        tapsLast(g, w, ws);
        ws.prepared = w;
        ws.preparedGeometry = g;
    }

    @Override
    public void convolve(ConvGeometry g, Matrix x, Matrix w, Matrix y, Workspace workspace) {
        convolve(g, x, w, null, y, workspace);
    }

    /** The bias is added to each group of samples on the heap as the output is placed (no pass of its own). */
    @Override
    public void convolve(ConvGeometry g, Matrix x, Matrix w, Matrix bias, Matrix y, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, x, w, y, "convolve");
        requireBias(bias, g.outChannels(), y, "convolve");
        Matrix cols = ws.matrix(CpuWorkspace.COLS, x.rows() * g.outPlane(), g.patch(), x.dataType());
        Matrix product = ws.matrix(CpuWorkspace.DROWS, cols.rows(), g.outChannels(), x.dataType());
        ws.lowered = null;
        if (fused(g, x.rows())) {
            ws.runFused(Job.FORWARD, g, x, y, cols, product, tapsLast(g, w, ws), bias, null);
        } else {
            ws.run(Job.IM2COL, g, x, cols, null, null);
            Blas.gemm(false, true, 1, cols, tapsLast(g, w, ws), 0, product);
            ws.run(Job.FROM_ROWS, g, product, y, bias, null);
        }
        ws.lowered = x;
        ws.loweredGeometry = g;
    }

    @Override
    public void convolveAdjoint(ConvGeometry g, Matrix dy, Matrix w, Matrix dx, Workspace workspace) {
        convolveAdjoint(g, dy, w, null, dx, workspace);
    }

    /** The bias is added to each group of samples on the heap as dx is gathered (no pass of its own). */
    @Override
    public void convolveAdjoint(ConvGeometry g, Matrix dy, Matrix w, Matrix bias, Matrix dx, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, dx, w, dy, "convolveAdjoint");
        requireBias(bias, g.inChannels(), dx, "convolveAdjoint");
        Matrix rows;
        if (fused(g, dy.rows())) {
            rows = ws.matrix(CpuWorkspace.ROWS, dy.rows() * g.outPlane(), g.outChannels(), dy.dataType());
            ws.transposed = null;
            ws.runFused(Job.ADJOINT, g, dy, dx, rows, null, tapsLast(g, w, ws), bias, null);
        } else {
            rows = rowsOf(g, dy, ws, null);
            Matrix dcols = ws.matrix(CpuWorkspace.DCOLS, rows.rows(), g.patch(), dy.dataType());
            Blas.gemm(false, false, 1, rows, tapsLast(g, w, ws), 0, dcols);
            ws.run(Job.COL2IM, g, dcols, dx, bias, null);
        }
        ws.transposed = dy;
        ws.transposedGeometry = g;
    }

    @Override
    public void weightGradient(ConvGeometry g, Matrix x, Matrix dy, double beta, Matrix dw, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, x, dw, dy, "weightGradient");
        Matrix cols = lower(g, x, ws, null);
        ws.lowered = null;
        Matrix dwLast = ws.matrix(CpuWorkspace.DWEIGHT, g.outChannels(), g.patch(), x.dataType());
        Blas.gemm(true, false, 1, rowsOf(g, dy, ws, null), cols, 0, dwLast);
        addTapsFirst(g, dwLast, beta, dw);
    }

    /**
     * Both gradients from one transpose of dy, with the forward pass's lowered x: the weight
     * gradient {@code dY^T * cols} and the lowered input gradient {@code dY * W'} are independent
     * products, run side by side on two threads.
     */
    @Override
    public void convolveBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                 Workspace workspace) {
        convolveBackward(g, x, dy, w, dx, beta, dw, null, workspace);
    }

    /** The bias gradient is summed from dy's samples on the heap as dy is transposed (no pass of its own). */
    @Override
    public void convolveBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                 Matrix db, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, x, dw, dy, "convolveBackward");
        requireBias(db, g.outChannels(), dy, "convolveBackward");
        Matrix cols = ws.matrix(CpuWorkspace.COLS, x.rows() * g.outPlane(), g.patch(), x.dataType());
        if (ws.lowered != x || ws.loweredGeometry != g) {
            cols = lower(g, x, ws, null);
        }
        Matrix dwLast = ws.matrix(CpuWorkspace.DWEIGHT, g.outChannels(), g.patch(), x.dataType());
        if (dx != null) {
            check(g, dx, w, dy, "convolveBackward");
        }
        Matrix rows = rowsOf(g, dy, ws, ws.sampleSums(db, dy.rows(), g.outChannels()));
        if (dx != null && fused(g, dy.rows())) {
            // dy's transpose, then one job: the weight gradient whole as its first part (one core, as one
            // product: cut in two, each half would pack all of dy's transpose), the input gradient's blocks after
            ws.runFused(Job.BACKWARD, g, rows, dx, cols, dwLast, tapsLast(g, w, ws), null, null);
        } else {
            ws.weightProduct.set(true, false, 1, rows, cols, 0, dwLast);
            if (dx == null) {
                Blas.gemm(ws.weightProduct);
            } else {
                Matrix dcols = ws.matrix(CpuWorkspace.DCOLS, rows.rows(), g.patch(), dy.dataType());
                Blas.gemmBoth(ws.weightProduct,
                        ws.dataProduct.set(false, false, 1, rows, tapsLast(g, w, ws), 0, dcols));
                ws.run(Job.COL2IM, g, dcols, dx, null, null);
            }
        }
        addTapsFirst(g, dwLast, beta, dw);
        ws.addChannelSums(db, dy, g.outChannels(), g.outPlane(), this);
    }

    /**
     * One lowering of dy serves both: the input gradient {@code cols(dy) * W'^T} and the weight
     * gradient {@code X^T * cols(dy)}, side by side on two threads.
     */
    @Override
    public void adjointBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                Workspace workspace) {
        adjointBackward(g, x, dy, w, dx, beta, dw, null, workspace);
    }

    /** The bias gradient is summed from dy's samples on the heap as dy is lowered (no pass of its own). */
    @Override
    public void adjointBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                Matrix db, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, dy, dw, x, "adjointBackward");
        requireBias(db, g.inChannels(), dy, "adjointBackward");
        Matrix rows = ws.matrix(CpuWorkspace.ROWS, x.rows() * g.outPlane(), g.outChannels(), x.dataType());
        if (ws.transposed != x || ws.transposedGeometry != g) {
            rows = rowsOf(g, x, ws, null);
        }
        Matrix dwLast = ws.matrix(CpuWorkspace.DWEIGHT, g.outChannels(), g.patch(), x.dataType());
        if (dx != null && fused(g, dy.rows())) {
            // dy lowered and the input gradient block by block, then the weight gradient from the whole lowering
            check(g, dy, w, dx, "adjointBackward");
            Matrix cols = ws.matrix(CpuWorkspace.COLS, dy.rows() * g.outPlane(), g.patch(), dy.dataType());
            Matrix product = ws.matrix(CpuWorkspace.DROWS, cols.rows(), g.outChannels(), dy.dataType());
            ws.lowered = null;
            ws.runFused(Job.FORWARD, g, dy, dx, cols, product, tapsLast(g, w, ws), null,
                    ws.sampleSums(db, dy.rows(), g.inChannels()));
            ws.lowered = null;
            Blas.gemm(true, false, 1, rows, cols, 0, dwLast);
        } else {
            Matrix cols = lower(g, dy, ws, ws.sampleSums(db, dy.rows(), g.inChannels()));
            ws.lowered = null;
            ws.weightProduct.set(true, false, 1, rows, cols, 0, dwLast);
            if (dx == null) {
                Blas.gemm(ws.weightProduct);
            } else {
                check(g, dy, w, dx, "adjointBackward");
                Matrix product = ws.matrix(CpuWorkspace.DROWS, cols.rows(), g.outChannels(), dy.dataType());
                Blas.gemmBoth(ws.weightProduct, ws.dataProduct.set(false, true, 1, cols, tapsLast(g, w, ws), 0,
                        product));
                ws.run(Job.FROM_ROWS, g, product, dx, null, null);
            }
        }
        addTapsFirst(g, dwLast, beta, dw);
        ws.addChannelSums(db, dy, g.inChannels(), g.inPlane(), this);
    }

    /**
     * Whether a batch of this geometry runs in fused blocks: when a block has enough lowered rows for
     * a full-speed product. Otherwise (few output positions a sample, as the last encoder layer's 2 x 2)
     * a block would re-read the whole weight for a few rows, and one product over the batch is faster.
     */
    static boolean fused(ConvGeometry g, int samples) {
        return (long) fusedGroup(g, samples) * g.outPlane() >= FUSED_MIN_ROWS;
    }

    /** Samples in one fused block: about {@link #FUSED_ROWS} rows, and at least {@link #MIN_BLOCKS} blocks. */
    static int fusedGroup(ConvGeometry g, int samples) {
        int plane = g.outPlane();
        return Math.max(1, Math.min((FUSED_ROWS + plane - 1) / plane, (samples + MIN_BLOCKS - 1) / MIN_BLOCKS));
    }

    /** An output-shaped batch (NCHW) as {@code batch*Ho*Wo x out}: one row per output position. */
    private static Matrix rowsOf(ConvGeometry g, Matrix dy, CpuWorkspace ws, double[] sums) {
        Matrix rows = ws.matrix(CpuWorkspace.ROWS, dy.rows() * g.outPlane(), g.outChannels(), dy.dataType());
        ws.transposed = null;
        ws.run(Job.TO_ROWS, g, dy, rows, null, sums);
        return rows;
    }

    /** x lowered into the workspace's {@code batch*Ho*Wo x kh*kw*in} matrix of windows. */
    private static Matrix lower(ConvGeometry g, Matrix x, CpuWorkspace ws, double[] sums) {
        Matrix cols = ws.matrix(CpuWorkspace.COLS, x.rows() * g.outPlane(), g.patch(), x.dataType());
        ws.run(Job.IM2COL, g, x, cols, null, sums);
        return cols;
    }

    /** The weight {@code out x in x kh x kw} with its axes as the lowered windows have them: {@code out x kh x kw x in}. */
    private static Matrix tapsLast(ConvGeometry g, Matrix w, CpuWorkspace ws) {
        int in = g.inChannels();
        int taps = g.kernelHeight() * g.kernelWidth();
        if (in == 1 || taps == 1) {
            return w;
        }
        Matrix out = ws.matrix(CpuWorkspace.WEIGHT, w.rows(), w.cols(), w.dataType());
        if (ws.prepared == w && ws.preparedGeometry == g) {
            return out;
        }
        ws.prepared = null; // the buffer is about to hold another weight
        Ranges.run(Ranges.TAPS_LAST, w, out, in, taps, 0, w.rows());
        return out;
    }

    /** {@code dw = beta * dw + grad}, grad in the lowered windows' axis order (out x kh x kw x in). */
    private static void addTapsFirst(ConvGeometry g, Matrix grad, double beta, Matrix dw) {
        Ranges.run(Ranges.TAPS_FIRST, grad, dw, g.inChannels(), g.kernelHeight() * g.kernelWidth(), beta,
                dw.rows());
    }

    @Override
    public void addChannelBias(Matrix y, Matrix bias, int channels, int plane) {
        requireChannels(y, bias, channels, plane);
        Ranges.run(Ranges.BIAS, bias, y, channels, plane, 0, y.rows());
    }

    @Override
    public void channelSums(Matrix dy, int channels, int plane, double beta, Matrix db) {
        requireChannels(dy, db, channels, plane);
        Ranges.run(Ranges.SUMS, dy, db, channels, plane, beta, channels);
    }

    /**
     * The passes over a weight or a batch that are cut into ranges (of output rows, samples or
     * channels) over the workers when large: each range writes its own entries only, and every
     * sum runs in the same order whatever the thread count.
     */
    private static final class Ranges implements Workers.Task {
        static final int TAPS_LAST = 0;
        static final int TAPS_FIRST = 1;
        static final int BIAS = 2;
        static final int SUMS = 3;
        private static final ThreadLocal<Ranges> PER_THREAD = ThreadLocal.withInitial(Ranges::new);

        private int kind;
        private Matrix a;
        private Matrix b;
        private int in;
        private int taps;
        private double beta;
        private int count;

        /** Runs pass {@code kind} over {@code count} items (rows, samples or channels). */
        static void run(int kind, Matrix a, Matrix b, int in, int taps, double beta, int count) {
            Ranges r = PER_THREAD.get();
            r.kind = kind;
            r.a = a;
            r.b = b;
            r.in = in;
            r.taps = taps;
            r.beta = beta;
            r.count = count;
            try {
                long work = kind == SUMS || kind == BIAS ? (long) a.length() + b.length() : b.length();
                if (Workers.parallelism() > 1 && count > 1 && work >= PARALLEL_MIN) {
                    Workers.run(r, Math.min(count, Workers.parallelism()));
                } else {
                    r.run(0, 1);
                }
            } finally {
                r.a = null;
                r.b = null;
            }
        }

        @Override
        public void run(int part, int parts) {
            int from = Workers.start(count, part, parts, 1);
            int to = Workers.start(count, part + 1, parts, 1);
            if (from >= to) {
                return;
            }
            switch (kind) {
                case TAPS_LAST -> tapsLast(a, b, in, taps, from, to);
                case TAPS_FIRST -> tapsFirst(a, b, in, taps, beta, from, to);
                case BIAS -> bias(a, b, in, taps, from, to);
                case SUMS -> sums(a, b, in, taps, beta, from, to);
                default -> throw new IllegalStateException("no range pass " + kind);
            }
        }

        /** Rows {@code from..to} of w (out x in x taps) into out (out x taps x in). */
        private static void tapsLast(Matrix w, Matrix out, int in, int taps, int from, int to) {
            int size = w.cols();
            if (w.isFloat()) {
                Scratch s = SCRATCH.get();
                float[] x = s.floats(0, size);
                float[] y = s.floats(1, size);
                for (int o = from; o < to; o++) {
                    w.floats().get(o * size, x, 0, size);
                    transpose(x, 0, y, 0, in, taps);
                    out.floats().put(o * size, y, 0, size);
                }
                return;
            }
            for (int o = from; o < to; o++) {
                for (int c = 0; c < in; c++) {
                    for (int t = 0; t < taps; t++) {
                        out.set(o * size + t * in + c, w.get(o * size + c * taps + t));
                    }
                }
            }
        }

        /** Rows {@code from..to}: dw = beta dw + grad read back from (out x taps x in). */
        private static void tapsFirst(Matrix grad, Matrix dw, int in, int taps, double beta, int from, int to) {
            int size = dw.cols();
            boolean same = in == 1 || taps == 1;
            if (dw.isFloat()) {
                Scratch s = SCRATCH.get();
                float[] x = s.floats(0, size);
                float[] y = s.floats(1, size);
                float[] z = s.floats(2, size);
                float keep = (float) beta;
                for (int o = from; o < to; o++) {
                    grad.floats().get(o * size, x, 0, size);
                    float[] g = x;
                    if (!same) {
                        transpose(x, 0, z, 0, taps, in);
                        g = z;
                    }
                    if (beta == 0) {
                        dw.floats().put(o * size, g, 0, size);
                        continue;
                    }
                    dw.floats().get(o * size, y, 0, size);
                    for (int e = 0; e < size; e++) {
                        y[e] = keep * y[e] + g[e];
                    }
                    dw.floats().put(o * size, y, 0, size);
                }
                return;
            }
            for (int o = from; o < to; o++) {
                for (int c = 0; c < in; c++) {
                    for (int t = 0; t < taps; t++) {
                        int at = o * size + c * taps + t;
                        double gv = grad.get(o * size + (same ? c * taps + t : t * in + c));
                        dw.set(at, beta == 0 ? gv : beta * dw.get(at) + gv);
                    }
                }
            }
        }

        /** Samples {@code from..to} of y get bias[c] added to each plane of channel c. */
        private static void bias(Matrix bias, Matrix y, int channels, int plane, int from, int to) {
            int size = channels * plane;
            if (y.isFloat()) {
                // a sample at a time on the heap, where the add of a plane is a loop the JIT vectorises
                Scratch s = SCRATCH.get();
                float[] x = s.floats(0, size);
                float[] b = s.floats(1, channels);
                bias.floats().get(0, b, 0, channels);
                for (int n = from; n < to; n++) {
                    y.floats().get(n * size, x, 0, size);
                    for (int c = 0; c < channels; c++) {
                        float v = b[c];
                        for (int e = c * plane; e < (c + 1) * plane; e++) {
                            x[e] += v;
                        }
                    }
                    y.floats().put(n * size, x, 0, size);
                }
                return;
            }
            for (int n = from; n < to; n++) {
                for (int c = 0; c < channels; c++) {
                    double b = bias.get(c);
                    for (int e = n * size + c * plane; e < n * size + (c + 1) * plane; e++) {
                        y.set(e, y.get(e) + b);
                    }
                }
            }
        }

        /** Channels {@code from..to}: db[c] = beta db[c] + the sum of channel c's planes over every sample. */
        private static void sums(Matrix dy, Matrix db, int channels, int plane, double beta, int from, int to) {
            int size = channels * plane;
            int run = (to - from) * plane;
            if (dy.isFloat()) {
                // the range's channels are one run of each sample: copied to the heap a sample at a time
                Scratch s = SCRATCH.get();
                float[] x = s.floats(0, run);
                double[] sum = s.doubles(to - from);
                for (int n = 0; n < dy.rows(); n++) {
                    dy.floats().get(n * size + from * plane, x, 0, run);
                    for (int c = 0; c < to - from; c++) {
                        double part = 0;
                        for (int e = c * plane; e < (c + 1) * plane; e++) {
                            part += x[e];
                        }
                        sum[c] += part;
                    }
                }
                for (int c = from; c < to; c++) {
                    db.set(c, beta == 0 ? sum[c - from] : beta * db.get(c) + sum[c - from]);
                }
                return;
            }
            for (int c = from; c < to; c++) {
                double sum = 0;
                for (int n = 0; n < dy.rows(); n++) {
                    for (int e = n * size + c * plane; e < n * size + (c + 1) * plane; e++) {
                        sum += dy.get(e);
                    }
                }
                db.set(c, beta == 0 ? sum : beta * db.get(c) + sum);
            }
        }
    }

    private static void requireBias(Matrix bias, int channels, Matrix y, String op) {
        if (bias != null && (bias.length() != channels || bias.isFloat() != y.isFloat())) {
            throw new LvaException(op + ": the bias " + bias + " is not one entry per channel (" + channels
                    + ") of the output's type, " + y);
        }
    }

    private static void requireChannels(Matrix y, Matrix bias, int channels, int plane) {
        if (y.cols() != channels * plane || bias.length() != channels) {
            throw new LvaException("channel bias: " + y + " is not batch x " + channels + " x " + plane + ", or bias "
                    + bias + " has not " + channels + " entries");
        }
    }

    private static void check(ConvGeometry g, Matrix x, Matrix w, Matrix y, String op) {
        if (x.cols() != g.inSize() || y.cols() != g.outSize() || x.rows() != y.rows() || w.rows() != g.outChannels()
                || w.cols() != g.patch() || x.isFloat() != y.isFloat() || x.isFloat() != w.isFloat()) {
            throw new LvaException(op + " " + g + ": input " + x + ", weight " + w + ", output " + y);
        }
    }

    /** A layer's buffers for the last two batch sizes, and which input the lowered buffer holds. */
    private static final class CpuWorkspace implements Workspace {
        static final int COLS = 0;
        static final int ROWS = 1;
        static final int DCOLS = 2;
        static final int DROWS = 3;
        static final int WEIGHT = 4;
        static final int DWEIGHT = 5;
        private static final int SLOTS = 6;

        private final Matrix[][] buffers = new Matrix[2][SLOTS];
        private final int[] lastUsed = new int[SLOTS];
        private final Job job = new Job();
        /** Each sample's channel sums of dy, {@code samples x channels}, for the bias gradient. */
        private double[] sampleSumBuffer = new double[0];
        final Blas.Product weightProduct = new Blas.Product();
        final Blas.Product dataProduct = new Blas.Product();
        /** The input whose lowering the COLS buffer holds, set by convolve; null when unknown. */
        Matrix lowered;
        ConvGeometry loweredGeometry;
        /** The output-shaped input whose transpose the ROWS buffer holds, set by convolveAdjoint. */
        Matrix transposed;
        ConvGeometry transposedGeometry;
        /** The weight the WEIGHT buffer holds rearranged, set by prepare. */
        Matrix prepared;
        ConvGeometry preparedGeometry;

        /**
         * Where the pass that reads dy (its transpose or lowering) is to keep each sample's channel sums, when
         * there is a float bias gradient db to add them to; else null.
         */
        double[] sampleSums(Matrix db, int samples, int channels) {
            if (db == null || !db.isFloat()) {
                return null;
            }
            if (sampleSumBuffer.length < samples * channels) {
                sampleSumBuffer = new double[samples * channels];
            }
            return sampleSumBuffer;
        }

        /**
         * {@code db[c] += } the sum over the samples of their channel sums, in sample order: the sums and the
         * order of {@link Ranges#sums} with beta 1, so the same numbers. A float64 db is summed here in a pass.
         */
        void addChannelSums(Matrix db, Matrix dy, int channels, int plane, CpuConvolutions kernels) {
            if (db == null) {
                return;
            }
            if (!db.isFloat()) {
                kernels.channelSums(dy, channels, plane, 1, db);
                return;
            }
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int n = 0; n < dy.rows(); n++) {
                    sum += sampleSumBuffer[n * channels + c];
                }
                db.set(c, db.get(c) + sum);
            }
        }

        /** The slot's matrix of this shape: kept for two batch sizes (a full batch and the last partial one). */
        Matrix matrix(int slot, int rows, int cols, DataType type) {
            for (int i = 0; i < 2; i++) {
                Matrix m = buffers[i][slot];
                if (m != null && m.rows() == rows && m.cols() == cols && m.dataType() == type) {
                    lastUsed[slot] = i;
                    return m;
                }
            }
            // replace an empty slot, else the generation not used last
            int i = buffers[0][slot] == null ? 0 : buffers[1][slot] == null ? 1 : 1 - lastUsed[slot];
            if (buffers[i][slot] != null) {
                // freed now: left to the collector, the lowered inputs of every batch size an analysis
                // passes (hundreds of MB for conv-lvae's default channels) stayed resident
                buffers[i][slot].free();
            }
            Matrix fresh = Matrix.zeros(type, rows, cols);
            buffers[i][slot] = fresh;
            lastUsed[slot] = i;
            if (slot == COLS) {
                lowered = null;
            } else if (slot == ROWS) {
                transposed = null;
            } else if (slot == WEIGHT) {
                prepared = null;
            }
            return fresh;
        }

        /**
         * Runs a fused pass ({@link Job#FORWARD}, {@link Job#ADJOINT} or {@link Job#BACKWARD}) over the samples
         * in blocks of a few samples, each block lowered (or transposed), multiplied and placed by one thread
         * while its lowered rows are still in that core's cache. The blocks depend on the geometry and the
         * batch size only, never on the thread count, so the results do not either.
         */
        void runFused(int kind, ConvGeometry g, Matrix from, Matrix to, Matrix lowered, Matrix product, Matrix w,
                      Matrix bias, double[] sums) {
            int samples = kind == Job.BACKWARD ? to.rows() : from.rows();
            int group = fusedGroup(g, samples);
            int groups = (samples + group - 1) / group + (kind == Job.BACKWARD ? 1 : 0);
            job.set(kind, g, from, to, samples, group, bias, sums);
            job.lowered = lowered;
            job.product = product;
            job.weight = w;
            try {
                dispatch(groups, true);
            } finally {
                job.set(-1, null, null, null, 0, 0, null, null);
                job.lowered = null;
                job.product = null;
                job.weight = null;
            }
        }

        /** Runs a pass over the samples, in groups handed out over the workers when it is large. */
        void run(int kind, ConvGeometry g, Matrix from, Matrix to, Matrix bias, double[] sums) {
            int samples = kind == Job.IM2COL || kind == Job.TO_ROWS ? from.rows() : to.rows();
            int perSample = kind == Job.IM2COL || kind == Job.COL2IM ? g.outPlane() * g.patch() : g.outSize();
            int group = Math.max(1, Math.min(samples, GROUP_ENTRIES / Math.max(1, perSample)));
            int groups = (samples + group - 1) / group;
            job.set(kind, g, from, to, samples, group, bias, sums);
            try {
                dispatch(groups, (long) Math.max(from.length(), to.length()) >= PARALLEL_MIN);
            } finally {
                job.set(-1, null, null, null, 0, 0, null, null);
            }
        }

        /** The job's groups over the workers when there are several of each and {@code large}, else on this thread. */
        private void dispatch(int groups, boolean large) {
            if (large && Workers.parallelism() > 1 && groups > 1) {
                Workers.run(job, groups);
            } else {
                for (int p = 0; p < groups; p++) {
                    job.run(p, groups);
                }
            }
        }
    }

    /** One pass over a group of samples: each part reads and writes only its own samples' rows. */
    private static final class Job implements Workers.Task {
        static final int IM2COL = 0;
        static final int COL2IM = 1;
        static final int TO_ROWS = 2;
        static final int FROM_ROWS = 3;
        /** A block of x lowered, times W'^T, placed into y: the convolution. */
        static final int FORWARD = 4;
        /** A block of dy transposed, times W', scattered onto dx: the adjoint. */
        static final int ADJOINT = 5;
        /** Part 0: the weight gradient {@code dY^T * cols}; part 1 on: a block of {@code dY * W'} scattered onto dx. */
        static final int BACKWARD = 6;

        private int kind;
        private ConvGeometry g;
        private Matrix from;
        private Matrix to;
        private int samples;
        private int group;
        /** The fused passes' lowered (or transposed) input, product and rearranged weight. */
        Matrix lowered;
        Matrix product;
        Matrix weight;
        /** Added per channel to what a pass places into NCHW output (FROM_ROWS, COL2IM and the fused
         *  FORWARD, ADJOINT), or null. */
        private Matrix bias;
        /** Where the pass that reads dy (TO_ROWS, IM2COL, FORWARD) keeps each sample's channel sums, or null. */
        private double[] sums;

        void set(int k, ConvGeometry geometry, Matrix src, Matrix dst, int n, int perGroup, Matrix channelBias,
                 double[] sampleSums) {
            kind = k;
            bias = channelBias;
            sums = sampleSums;
            g = geometry;
            from = src;
            to = dst;
            samples = n;
            group = perGroup;
        }

        @Override
        public void run(int part, int parts) {
            if (kind == BACKWARD) {
                if (part == 0) {
                    // from: dy's transpose (rows), lowered: x's lowering, product: the weight gradient
                    Blas.gemmOnCaller(true, false, 1, from, lowered, 0, product);
                    return;
                }
                part--;
            }
            int first = part * group;
            int count = Math.min(group, samples - first);
            if (count <= 0) {
                return;
            }
            boolean single = from.isFloat();
            Scratch s = single ? SCRATCH.get() : null;
            switch (kind) {
                case IM2COL -> {
                    if (single) {
                        im2col(g, from, to, first, count, sums, s);
                    } else {
                        im2colDouble(g, from, to, first, count);
                    }
                }
                case COL2IM -> {
                    if (single) {
                        col2im(g, from, first * g.outPlane() * g.patch(), to, first, count, bias, s);
                    } else {
                        col2imDouble(g, from, first * g.outPlane() * g.patch(), to, first, count, bias);
                    }
                }
                case TO_ROWS -> transpose(from, to, g.outChannels(), g.outPlane(), first, count, null, sums, s);
                case FROM_ROWS -> transpose(from, to, g.outPlane(), g.outChannels(), first, count, bias, null, s);
                case FORWARD -> {
                    if (single) {
                        im2col(g, from, lowered, first, count, sums, s);
                    } else {
                        im2colDouble(g, from, lowered, first, count);
                    }
                    int row = first * g.outPlane();
                    Blas.gemmRowsOnCaller(true, lowered, row, count * g.outPlane(), weight, product,
                            (long) row * g.outChannels(), g.outChannels());
                    transpose(product, to, g.outPlane(), g.outChannels(), first, count, bias, null, s);
                }
                case ADJOINT, BACKWARD -> {
                    Matrix transposed = from;
                    if (kind == ADJOINT) {
                        transpose(from, lowered, g.outChannels(), g.outPlane(), first, count, null, null, s);
                        transposed = lowered;
                    }
                    int rows = count * g.outPlane();
                    Matrix dcols = NativeScratch.of(from.dataType(), (long) rows * g.patch());
                    Blas.gemmRowsOnCaller(false, transposed, first * g.outPlane(), rows, weight, dcols, 0, g.patch());
                    if (single) {
                        col2im(g, dcols, 0, to, first, count, bias, s);
                    } else {
                        col2imDouble(g, dcols, 0, to, first, count, bias);
                    }
                }
                default -> throw new IllegalStateException("no convolution pass " + kind);
            }
        }
    }

    /**
     * Samples {@code first..first+count} lowered: row (n, i, j) holds, tap (p, q) after tap, the
     * channel vector of the input entry that tap reads at output position (i, j), zeros in the padding.
     */
    private static void im2col(ConvGeometry g, Matrix x, Matrix cols, int first, int count, double[] sums,
                               Scratch s) {
        int in = g.inChannels();
        int h = g.inHeight();
        int w = g.inWidth();
        int inSize = g.inSize();
        int k = g.patch();
        int rows = count * g.outPlane();
        float[] xs = s.floats(0, count * inSize);
        float[] last = in == 1 ? xs : s.floats(2, count * inSize);
        float[] block = s.floats(1, rows * k);
        x.floats().get(first * inSize, xs, 0, count * inSize);
        planeSums(xs, in, h * w, count, sums, first);
        if (in > 1) {
            for (int n = 0; n < count; n++) {
                transpose(xs, n * inSize, last, n * inSize, in, h * w);
            }
        }
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        // undilated along a row, a window's taps in one input row are consecutive channel vectors
        boolean dense = g.dilationWidth() == 1;
        int run = kw * in;
        int at = 0;
        for (int n = 0; n < count; n++) {
            int sample = n * inSize;
            for (int i = 0; i < g.outHeight(); i++) {
                int h0 = i * g.strideHeight() - g.padHeight();
                for (int j = 0; j < g.outWidth(); j++) {
                    int w0 = j * g.strideWidth() - g.padWidth();
                    for (int p = 0; p < kh; p++) {
                        int ih = h0 + p * g.dilationHeight();
                        if (ih < 0 || ih >= h) {
                            java.util.Arrays.fill(block, at, at + kw * in, 0f);
                            at += kw * in;
                            continue;
                        }
                        int row = sample + ih * w * in;
                        if (dense && w0 >= 0 && w0 + kw <= w) {
                            // the window's row lies inside the input: its taps are one run of kw*in entries
                            int from = row + w0 * in;
                            if (run >= SHORT_RUN) {
                                System.arraycopy(last, from, block, at, run);
                            } else {
                                for (int c = 0; c < run; c++) {
                                    block[at + c] = last[from + c];
                                }
                            }
                            at += run;
                            continue;
                        }
                        for (int q = 0; q < kw; q++) {
                            int iw = w0 + q * g.dilationWidth();
                            if (iw < 0 || iw >= w) {
                                for (int c = 0; c < in; c++) {
                                    block[at + c] = 0f;
                                }
                            } else if (in >= SHORT_RUN) {
                                System.arraycopy(last, row + iw * in, block, at, in);
                            } else {
                                // a call costs more than a few stores (measured: 16 us vs 12 us a sample with one channel)
                                int from = row + iw * in;
                                for (int c = 0; c < in; c++) {
                                    block[at + c] = last[from + c];
                                }
                            }
                            at += in;
                        }
                    }
                }
            }
        }
        cols.floats().put(first * g.outPlane() * k, block, 0, rows * k);
    }

    /**
     * Samples {@code first..first+count} of dx (sample {@code first}'s lowered rows start at entry
     * {@code dcolsAt} of dcols): each input entry gathers the rows of dcols whose taps read it. A gather
     * rather than a scatter: each channel vector is written once, its (up to four, for a stride-2
     * 4 x 4 kernel) runs summed in registers, where a scatter read and wrote it once per run (measured:
     * the scatter was the CPU kernels' costliest loop outside OpenBLAS). The runs are added in the order
     * the scatter added them (by output row, then output column), so the sums are the same.
     */
    private static void col2im(ConvGeometry g, Matrix dcols, int dcolsAt, Matrix dx, int first, int count,
                               Matrix bias, Scratch s) {
        int in = g.inChannels();
        int h = g.inHeight();
        int w = g.inWidth();
        int inSize = g.inSize();
        int k = g.patch();
        int rows = count * g.outPlane();
        float[] xs = s.floats(0, count * inSize);
        float[] last = in == 1 ? xs : s.floats(2, count * inSize);
        float[] block = s.floats(1, rows * k);
        dcols.floats().get(dcolsAt, block, 0, rows * k);
        // per input row: the (output row, kernel row) pairs that read it, as offsets into a sample's rows
        int[] rowStart = s.ints(0, h + 1);
        int[] rowOffset = s.ints(1, h * g.kernelHeight());
        readers(h, g.outHeight(), g.kernelHeight(), g.strideHeight(), g.padHeight(), g.dilationHeight(),
                g.outWidth() * k, g.kernelWidth() * in, rowStart, rowOffset);
        int[] colStart = s.ints(2, w + 1);
        int[] colOffset = s.ints(3, w * g.kernelWidth());
        readers(w, g.outWidth(), g.kernelWidth(), g.strideWidth(), g.padWidth(), g.dilationWidth(), k, in,
                colStart, colOffset);
        // per input position, the runs that read it within a sample's rows: the same for every sample, so
        // listed once here rather than per sample (with one channel, listing them cost more than the adds)
        int plane = h * w;
        int[] pixelStart = s.ints(4, plane + 1);
        int[] pixelRuns = s.ints(5, plane * g.kernelHeight() * g.kernelWidth());
        int m = 0;
        for (int ih = 0; ih < h; ih++) {
            for (int iw = 0; iw < w; iw++) {
                pixelStart[ih * w + iw] = m;
                for (int a = rowStart[ih]; a < rowStart[ih + 1]; a++) {
                    for (int b = colStart[iw]; b < colStart[iw + 1]; b++) {
                        pixelRuns[m++] = rowOffset[a] + colOffset[b];
                    }
                }
            }
        }
        pixelStart[plane] = m;
        int[] runs = s.ints(6, g.kernelHeight() * g.kernelWidth());
        int samplePlanes = g.outPlane() * k;
        for (int n = 0; n < count; n++) {
            int sample = n * samplePlanes;
            if (in == 1) {
                // one entry a position: its runs summed in order in a register, as gather sums them
                for (int e = 0; e < plane; e++) {
                    int from = pixelStart[e];
                    int to = pixelStart[e + 1];
                    float v = 0f;
                    if (from < to) {
                        v = block[sample + pixelRuns[from]];
                        for (int r = from + 1; r < to; r++) {
                            v += block[sample + pixelRuns[r]];
                        }
                    }
                    last[n * inSize + e] = v;
                }
                continue;
            }
            for (int e = 0; e < plane; e++) {
                int from = pixelStart[e];
                int runCount = pixelStart[e + 1] - from;
                for (int r = 0; r < runCount; r++) {
                    runs[r] = sample + pixelRuns[from + r];
                }
                gather(block, runs, runCount, last, n * inSize + e * in, in);
            }
        }
        if (in > 1) {
            for (int n = 0; n < count; n++) {
                transpose(last, n * inSize, xs, n * inSize, h * w, in);
            }
        }
        addBias(bias, xs, in, h * w, count, s);
        dx.floats().put(first * inSize, xs, 0, count * inSize);
    }

    /**
     * For each input index along one axis, the (output index, kernel index) pairs whose tap reads it,
     * by increasing output index, as {@code out * outStep + kernel * kernelStep}: index e's pairs are
     * {@code offset[start[e]..start[e+1])}.
     */
    private static void readers(int size, int outSize, int kernel, int stride, int pad, int dilation, int outStep,
                                int kernelStep, int[] start, int[] offset) {
        int m = 0;
        for (int e = 0; e < size; e++) {
            start[e] = m;
            for (int o = 0; o < outSize; o++) {
                int span = e + pad - o * stride;
                if (span >= 0 && span % dilation == 0 && span / dilation < kernel) {
                    offset[m++] = o * outStep + span / dilation * kernelStep;
                }
            }
        }
        start[size] = m;
    }

    /** {@code to[at..at+in) = } the sum of the runs {@code block[runs[r]..runs[r]+in)}, r in order (zero for none). */
    private static void gather(float[] block, int[] runs, int count, float[] to, int at, int in) {
        switch (count) {
            case 0 -> java.util.Arrays.fill(to, at, at + in, 0f);
            case 1 -> System.arraycopy(block, runs[0], to, at, in);
            case 2 -> {
                int r0 = runs[0];
                int r1 = runs[1];
                for (int c = 0; c < in; c++) {
                    to[at + c] = block[r0 + c] + block[r1 + c];
                }
            }
            case 4 -> {
                int r0 = runs[0];
                int r1 = runs[1];
                int r2 = runs[2];
                int r3 = runs[3];
                for (int c = 0; c < in; c++) {
                    to[at + c] = block[r0 + c] + block[r1 + c] + block[r2 + c] + block[r3 + c];
                }
            }
            default -> {
                System.arraycopy(block, runs[0], to, at, in);
                for (int r = 1; r < count; r++) {
                    int from = runs[r];
                    for (int c = 0; c < in; c++) {
                        to[at + c] += block[from + c];
                    }
                }
            }
        }
    }

    /**
     * Samples {@code first..first+count}, each a {@code rows x cols} block, transposed into
     * {@code cols x rows} blocks (NCHW to one row per position, or back), plus {@code bias[c]} on each
     * transposed row c when bias is not null (the output of a convolution placed into NCHW), keeping each
     * sample's row sums in sums when it is not null (dy's channel sums, as it is transposed).
     */
    private static void transpose(Matrix from, Matrix to, int rows, int cols, int first, int count, Matrix bias,
                                  double[] sums, Scratch s) {
        int size = rows * cols;
        if (!from.isFloat()) {
            for (int n = first; n < first + count; n++) {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        to.set(n * size + c * rows + r, from.get(n * size + r * cols + c));
                    }
                }
            }
            addBiasDouble(bias, to, cols, rows, first, count);
            return;
        }
        float[] a = s.floats(0, count * size);
        float[] b = s.floats(1, count * size);
        from.floats().get(first * size, a, 0, count * size);
        planeSums(a, rows, cols, count, sums, first);
        if (rows == 1 || cols == 1) {
            addBias(bias, a, cols, rows, count, s);
            to.floats().put(first * size, a, 0, count * size);
            return;
        }
        for (int n = 0; n < count; n++) {
            transpose(a, n * size, b, n * size, rows, cols);
        }
        addBias(bias, b, cols, rows, count, s);
        to.floats().put(first * size, b, 0, count * size);
    }

    /**
     * {@code b[at + c * rows + r] = a[from + r * cols + c]}, four rows at a time: the reads run
     * along four rows, each write fills four consecutive entries (measured against 16 x 16 tiles
     * and plain loops on the workload's shapes: 0.5-1 ns an entry against 0.8-1.3).
     */
    private static void transpose(float[] a, int from, float[] b, int at, int rows, int cols) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int s0 = from + r * cols;
            int s1 = s0 + cols;
            int s2 = s1 + cols;
            int s3 = s2 + cols;
            for (int c = 0; c < cols; c++) {
                int d = at + c * rows + r;
                b[d] = a[s0 + c];
                b[d + 1] = a[s1 + c];
                b[d + 2] = a[s2 + c];
                b[d + 3] = a[s3 + c];
            }
        }
        for (; r < rows; r++) {
            int src = from + r * cols;
            for (int c = 0; c < cols; c++) {
                b[at + c * rows + r] = a[src + c];
            }
        }
    }

    /** The same lowering in float64, entry by entry through the matrices. */
    private static void im2colDouble(ConvGeometry g, Matrix x, Matrix cols, int first, int count) {
        int k = g.patch();
        int in = g.inChannels();
        for (int n = first; n < first + count; n++) {
            int base = n * g.inSize();
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    int row = ((n * g.outHeight() + i) * g.outWidth() + j) * k;
                    for (int p = 0; p < g.kernelHeight(); p++) {
                        int ih = i * g.strideHeight() - g.padHeight() + p * g.dilationHeight();
                        for (int q = 0; q < g.kernelWidth(); q++) {
                            int iw = j * g.strideWidth() - g.padWidth() + q * g.dilationWidth();
                            boolean inside = ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth();
                            int tap = (p * g.kernelWidth() + q) * in;
                            for (int c = 0; c < in; c++) {
                                cols.set(row + tap + c,
                                        inside ? x.get(base + (c * g.inHeight() + ih) * g.inWidth() + iw) : 0);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The same scatter in float64; sample {@code first}'s rows start at entry {@code dcolsAt} of dcols. */
    private static void col2imDouble(ConvGeometry g, Matrix dcols, int dcolsAt, Matrix dx, int first, int count,
                                     Matrix bias) {
        int k = g.patch();
        int in = g.inChannels();
        for (int n = first; n < first + count; n++) {
            int base = n * g.inSize();
            for (int e = 0; e < g.inSize(); e++) {
                dx.set(base + e, 0);
            }
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    int row = dcolsAt + (((n - first) * g.outHeight() + i) * g.outWidth() + j) * k;
                    for (int p = 0; p < g.kernelHeight(); p++) {
                        int ih = i * g.strideHeight() - g.padHeight() + p * g.dilationHeight();
                        for (int q = 0; q < g.kernelWidth(); q++) {
                            int iw = j * g.strideWidth() - g.padWidth() + q * g.dilationWidth();
                            if (ih < 0 || ih >= g.inHeight() || iw < 0 || iw >= g.inWidth()) {
                                continue;
                            }
                            int tap = (p * g.kernelWidth() + q) * in;
                            for (int c = 0; c < in; c++) {
                                int e = base + (c * g.inHeight() + ih) * g.inWidth() + iw;
                                dx.set(e, dx.get(e) + dcols.get(row + tap + c));
                            }
                        }
                    }
                }
            }
        }
        addBiasDouble(bias, dx, in, g.inPlane(), first, count);
    }

    /**
     * {@code sums[(first + n) * channels + c] = } the sum of plane c of sample n, for the {@code count} NCHW
     * samples at the start of a heap array (nothing when sums is null): each in float64 in the plane's order,
     * as {@link Ranges#sums} makes it.
     */
    private static void planeSums(float[] a, int channels, int plane, int count, double[] sums, int first) {
        if (sums == null) {
            return;
        }
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < channels; c++) {
                int from = (n * channels + c) * plane;
                double part = 0;
                for (int e = from; e < from + plane; e++) {
                    part += a[e];
                }
                sums[(first + n) * channels + c] = part;
            }
        }
    }

    /** {@code to[n, c, :] += bias[c]} for samples {@code first..first+count} of a float64 batch (none when null). */
    private static void addBiasDouble(Matrix bias, Matrix to, int channels, int plane, int first, int count) {
        if (bias == null) {
            return;
        }
        int size = channels * plane;
        for (int n = first; n < first + count; n++) {
            for (int c = 0; c < channels; c++) {
                double b = bias.get(c);
                for (int e = n * size + c * plane; e < n * size + (c + 1) * plane; e++) {
                    to.set(e, to.get(e) + b);
                }
            }
        }
    }

    /**
     * {@code to[n, c, :] += bias[c]} for the {@code count} NCHW samples at the start of a heap array (none when
     * null): the float adds addChannelBias makes, while the group is in cache.
     */
    private static void addBias(Matrix bias, float[] to, int channels, int plane, int count, Scratch s) {
        if (bias == null) {
            return;
        }
        float[] b = s.floats(3, channels);
        bias.floats().get(0, b, 0, channels);
        int size = channels * plane;
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < channels; c++) {
                float v = b[c];
                int from = n * size + c * plane;
                for (int e = from; e < from + plane; e++) {
                    to[e] += v;
                }
            }
        }
    }

    /** Each thread's native block of lowered input gradients for a fused pass, grown to the largest block seen. */
    private static final class NativeScratch {
        private static final ThreadLocal<Matrix[]> PER_THREAD = ThreadLocal.withInitial(() -> new Matrix[2]);

        /** A flat matrix of at least {@code size} entries of the type. */
        static Matrix of(DataType type, long size) {
            if (size > Integer.MAX_VALUE) {
                throw new LvaException("a convolution block of " + size + " lowered entries is too large");
            }
            Matrix[] held = PER_THREAD.get();
            int slot = type == DataType.FLOAT ? 0 : 1;
            if (held[slot] == null || held[slot].length() < size) {
                held[slot] = Matrix.zeros(type, 1, (int) size);
            }
            return held[slot];
        }
    }

    /** Each thread's heap staging arrays, grown to the largest group seen. */
    private static final class Scratch {
        private final float[][] floats = {new float[0], new float[0], new float[0], new float[0]};
        private double[] doubles = new double[0];
        private final int[][] ints = {new int[0], new int[0], new int[0], new int[0], new int[0], new int[0],
            new int[0]};

        int[] ints(int which, int size) {
            if (ints[which].length < size) {
                ints[which] = new int[size];
            }
            return ints[which];
        }

        /** A zeroed array of at least {@code size} doubles. */
        double[] doubles(int size) {
            if (doubles.length < size) {
                doubles = new double[size];
            }
            java.util.Arrays.fill(doubles, 0, size, 0);
            return doubles;
        }

        float[] floats(int which, int size) {
            if (floats[which].length < size) {
                floats[which] = new float[size];
            }
            return floats[which];
        }
    }
}
