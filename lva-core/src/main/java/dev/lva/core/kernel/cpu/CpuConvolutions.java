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
 * Convolutions lowered to one large matrix product each (im2col): every output position of every
 * sample becomes a row holding the input window it sees ({@code batch*Ho*Wo x in*kh*kw}), so the
 * convolution is {@code cols * W^T} and the OpenBLAS product, cut over the workers, does nearly all
 * the arithmetic. The adjoint runs the product the other way and scatters the rows back (col2im);
 * the weight gradient multiplies the transposed output gradient by the same rows, which the
 * workspace keeps from the forward pass. Lowering, scattering and the NCHW / rows transposes are
 * per-sample loops over heap copies (the JIT compiles those far better than loops over native
 * memory), cut by samples over the workers.
 */
final class CpuConvolutions implements Convolutions {
    /** Below this many entries moved, a lowering loop stays on the caller. */
    private static final int PARALLEL_MIN = 1 << 15;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public Workspace workspace() {
        return new CpuWorkspace();
    }

    @Override
    public void convolve(ConvGeometry g, Matrix x, Matrix w, Matrix y, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, x, w, y, "convolve");
        Matrix col = lower(g, x, ws);
        ws.lowered = x;
        ws.loweredGeometry = g;
        Matrix out = ws.matrix(CpuWorkspace.PRODUCT, col.rows(), g.outChannels(), x.dataType());
        Blas.gemm(false, true, 1, col, w, 0, out);
        ws.run(Job.ROWS_TO_NCHW, g, out, y, g.outChannels(), g.outPlane(), y.rows());
    }

    @Override
    public void convolveAdjoint(ConvGeometry g, Matrix dy, Matrix w, Matrix dx, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, dx, w, dy, "convolveAdjoint");
        Matrix rows = rowsOf(g, dy, ws);
        Matrix dcol = ws.matrix(CpuWorkspace.DCOL, rows.rows(), g.patch(), dy.dataType());
        Blas.gemm(false, false, 1, rows, w, 0, dcol);
        ws.run(Job.COL2IM, g, dcol, dx, 0, 0, dx.rows());
    }

    @Override
    public void weightGradient(ConvGeometry g, Matrix x, Matrix dy, double beta, Matrix dw, Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, x, dw, dy, "weightGradient");
        Matrix col = lower(g, x, ws);
        ws.lowered = null;
        Blas.gemm(true, false, 1, rowsOf(g, dy, ws), col, beta, dw);
    }

    /**
     * Both gradients from one transpose of dy; the lowered x is the forward pass's. The weight
     * gradient {@code rows^T * cols} and the lowered input gradient {@code rows * W} are independent
     * products, run side by side on two threads.
     */
    @Override
    public void convolveBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                 Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, x, dw, dy, "convolveBackward");
        Matrix col = ws.matrix(CpuWorkspace.COL, x.rows() * g.outPlane(), g.patch(), x.dataType());
        if (ws.lowered != x || ws.loweredGeometry != g) {
            col = lower(g, x, ws);
        }
        Matrix rows = rowsOf(g, dy, ws);
        ws.weightProduct.set(true, false, 1, rows, col, beta, dw);
        if (dx == null) {
            Blas.gemm(ws.weightProduct);
            return;
        }
        check(g, dx, w, dy, "convolveBackward");
        Matrix dcol = ws.matrix(CpuWorkspace.DCOL, rows.rows(), g.patch(), dy.dataType());
        Blas.gemmBoth(ws.weightProduct, ws.dataProduct.set(false, false, 1, rows, w, 0, dcol));
        ws.run(Job.COL2IM, g, dcol, dx, 0, 0, dx.rows());
    }

    /**
     * One lowering of dy serves both: the input gradient {@code cols(dy) * W^T} and the weight
     * gradient {@code rows(x)^T * cols(dy)}, side by side on two threads.
     */
    @Override
    public void adjointBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                Workspace workspace) {
        CpuWorkspace ws = (CpuWorkspace) workspace;
        check(g, dy, dw, x, "adjointBackward");
        Matrix col = lower(g, dy, ws);
        ws.lowered = null;
        Matrix rows = rowsOf(g, x, ws);
        ws.weightProduct.set(true, false, 1, rows, col, beta, dw);
        if (dx == null) {
            Blas.gemm(ws.weightProduct);
            return;
        }
        check(g, dy, w, dx, "adjointBackward");
        Matrix out = ws.matrix(CpuWorkspace.PRODUCT, col.rows(), g.outChannels(), dy.dataType());
        Blas.gemmBoth(ws.weightProduct, ws.dataProduct.set(false, true, 1, col, w, 0, out));
        ws.run(Job.ROWS_TO_NCHW, g, out, dx, g.outChannels(), g.outPlane(), dx.rows());
    }

    /** dy (batch x out*Ho*Wo, NCHW) as positions x channels. */
    private static Matrix rowsOf(ConvGeometry g, Matrix dy, CpuWorkspace ws) {
        Matrix rows = ws.matrix(CpuWorkspace.ROWS, dy.rows() * g.outPlane(), g.outChannels(), dy.dataType());
        ws.run(Job.NCHW_TO_ROWS, g, dy, rows, g.outChannels(), g.outPlane(), dy.rows());
        return rows;
    }

    /** x lowered into the workspace's rows of input windows. */
    private static Matrix lower(ConvGeometry g, Matrix x, CpuWorkspace ws) {
        Matrix col = ws.matrix(CpuWorkspace.COL, x.rows() * g.outPlane(), g.patch(), x.dataType());
        ws.run(Job.IM2COL, g, x, col, 0, 0, x.rows());
        return col;
    }

    @Override
    public void addChannelBias(Matrix y, Matrix bias, int channels, int plane) {
        requireChannels(y, bias, channels, plane);
        if (y.isFloat()) {
            FloatBuffer yb = y.floats();
            for (int n = 0; n < y.rows(); n++) {
                int base = n * channels * plane;
                for (int c = 0; c < channels; c++) {
                    float b = bias.floats().get(c);
                    int from = base + c * plane;
                    for (int e = from; e < from + plane; e++) {
                        yb.put(e, yb.get(e) + b);
                    }
                }
            }
            return;
        }
        for (int n = 0; n < y.rows(); n++) {
            for (int c = 0; c < channels; c++) {
                double b = bias.get(c);
                int from = (n * channels + c) * plane;
                for (int e = from; e < from + plane; e++) {
                    y.set(e, y.get(e) + b);
                }
            }
        }
    }

    @Override
    public void channelSums(Matrix dy, int channels, int plane, double beta, Matrix db) {
        requireChannels(dy, db, channels, plane);
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int n = 0; n < dy.rows(); n++) {
                int from = (n * channels + c) * plane;
                if (dy.isFloat()) {
                    FloatBuffer b = dy.floats();
                    for (int e = from; e < from + plane; e++) {
                        s += b.get(e);
                    }
                } else {
                    for (int e = from; e < from + plane; e++) {
                        s += dy.get(e);
                    }
                }
            }
            db.set(c, beta == 0 ? s : beta * db.get(c) + s);
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
    static final class CpuWorkspace implements Workspace {
        static final int COL = 0;
        static final int PRODUCT = 1;
        static final int ROWS = 2;
        static final int DCOL = 3;
        private static final int SLOTS = 4;

        private final Matrix[][] buffers = new Matrix[2][SLOTS];
        private final int[] lastUsed = new int[SLOTS];
        private final Job job = new Job();
        final Blas.Product weightProduct = new Blas.Product();
        final Blas.Product dataProduct = new Blas.Product();
        /** The input whose lowering the COL buffer holds, set by convolve; null when unknown. */
        Matrix lowered;
        ConvGeometry loweredGeometry;

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
            Matrix fresh = Matrix.zeros(type, rows, cols);
            buffers[i][slot] = fresh;
            lastUsed[slot] = i;
            if (slot == COL) {
                lowered = null;
            }
            return fresh;
        }

        void run(int kind, ConvGeometry g, Matrix from, Matrix to, int channels, int plane, int samples) {
            job.set(kind, g, from, to, channels, plane, samples);
            try {
                if (Workers.parallelism() > 1 && (long) Math.max(from.length(), to.length()) >= PARALLEL_MIN
                        && samples > 1) {
                    Workers.run(job);
                } else {
                    job.run(0, 1);
                }
            } finally {
                job.set(-1, null, null, null, 0, 0, 0);
            }
        }
    }

    /** One lowering pass, cut by samples: each part reads and writes only its own samples' rows. */
    static final class Job implements Workers.Task {
        static final int IM2COL = 0;
        static final int COL2IM = 1;
        static final int NCHW_TO_ROWS = 2;
        static final int ROWS_TO_NCHW = 3;

        private int kind;
        private ConvGeometry g;
        private Matrix from;
        private Matrix to;
        private int channels;
        private int plane;
        private int samples;

        void set(int k, ConvGeometry geometry, Matrix src, Matrix dst, int c, int p, int n) {
            kind = k;
            g = geometry;
            from = src;
            to = dst;
            channels = c;
            plane = p;
            samples = n;
        }

        @Override
        public void run(int part, int parts) {
            int first = Workers.start(samples, part, parts, 1);
            int last = Workers.start(samples, part + 1, parts, 1);
            boolean single = from.isFloat();
            for (int n = first; n < last; n++) {
                switch (kind) {
                    case IM2COL -> {
                        if (single) {
                            im2colFloat(g, from, to, n);
                        } else {
                            im2colDouble(g, from, to, n);
                        }
                    }
                    case COL2IM -> {
                        if (single) {
                            col2imFloat(g, from, to, n);
                        } else {
                            col2imDouble(g, from, to, n);
                        }
                    }
                    case NCHW_TO_ROWS -> transpose(from, to, n, channels, plane, true);
                    case ROWS_TO_NCHW -> transpose(from, to, n, channels, plane, false);
                    default -> throw new IllegalStateException("no convolution pass " + kind);
                }
            }
        }
    }

    /** Sample n's rows of the lowered input: row (i, j) holds the window (c, p, q) its output sees, zeros in the padding. */
    static void im2colFloat(ConvGeometry g, Matrix x, Matrix col, int n) {
        Scratch s = SCRATCH.get();
        int inSize = g.inSize();
        int k = g.patch();
        int rows = g.outPlane();
        float[] xs = s.floats(0, inSize);
        float[] block = s.floats(1, rows * k);
        x.floats().get(n * inSize, xs, 0, inSize);
        int h = g.inHeight();
        int wIn = g.inWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int dh = g.dilationHeight();
        int dw = g.dilationWidth();
        int at = 0;
        for (int i = 0; i < g.outHeight(); i++) {
            int h0 = i * g.strideHeight() - g.padHeight();
            for (int j = 0; j < g.outWidth(); j++) {
                int w0 = j * g.strideWidth() - g.padWidth();
                for (int c = 0; c < g.inChannels(); c++) {
                    int plane = c * h;
                    for (int p = 0; p < kh; p++) {
                        int ih = h0 + p * dh;
                        if (ih < 0 || ih >= h) {
                            for (int q = 0; q < kw; q++) {
                                block[at++] = 0f;
                            }
                            continue;
                        }
                        int row = (plane + ih) * wIn;
                        for (int q = 0; q < kw; q++) {
                            int iw = w0 + q * dw;
                            block[at++] = iw >= 0 && iw < wIn ? xs[row + iw] : 0f;
                        }
                    }
                }
            }
        }
        col.floats().put(n * rows * k, block, 0, rows * k);
    }

    /** Sample n of dx: the rows of dcol added back onto the input entries their windows read. */
    static void col2imFloat(ConvGeometry g, Matrix dcol, Matrix dx, int n) {
        Scratch s = SCRATCH.get();
        int inSize = g.inSize();
        int k = g.patch();
        int rows = g.outPlane();
        float[] xs = s.floats(0, inSize);
        float[] block = s.floats(1, rows * k);
        java.util.Arrays.fill(xs, 0, inSize, 0f);
        dcol.floats().get(n * rows * k, block, 0, rows * k);
        int h = g.inHeight();
        int wIn = g.inWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int dh = g.dilationHeight();
        int dw = g.dilationWidth();
        int at = 0;
        for (int i = 0; i < g.outHeight(); i++) {
            int h0 = i * g.strideHeight() - g.padHeight();
            for (int j = 0; j < g.outWidth(); j++) {
                int w0 = j * g.strideWidth() - g.padWidth();
                for (int c = 0; c < g.inChannels(); c++) {
                    int plane = c * h;
                    for (int p = 0; p < kh; p++) {
                        int ih = h0 + p * dh;
                        if (ih < 0 || ih >= h) {
                            at += kw;
                            continue;
                        }
                        int row = (plane + ih) * wIn;
                        for (int q = 0; q < kw; q++) {
                            int iw = w0 + q * dw;
                            if (iw >= 0 && iw < wIn) {
                                xs[row + iw] += block[at];
                            }
                            at++;
                        }
                    }
                }
            }
        }
        dx.floats().put(n * inSize, xs, 0, inSize);
    }

    static void im2colDouble(ConvGeometry g, Matrix x, Matrix col, int n) {
        int k = g.patch();
        int at = n * g.outPlane() * k;
        int base = n * g.inSize();
        for (int i = 0; i < g.outHeight(); i++) {
            for (int j = 0; j < g.outWidth(); j++) {
                for (int c = 0; c < g.inChannels(); c++) {
                    for (int p = 0; p < g.kernelHeight(); p++) {
                        int ih = i * g.strideHeight() - g.padHeight() + p * g.dilationHeight();
                        for (int q = 0; q < g.kernelWidth(); q++) {
                            int iw = j * g.strideWidth() - g.padWidth() + q * g.dilationWidth();
                            boolean inside = ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth();
                            col.set(at++, inside ? x.get(base + (c * g.inHeight() + ih) * g.inWidth() + iw) : 0);
                        }
                    }
                }
            }
        }
    }

    static void col2imDouble(ConvGeometry g, Matrix dcol, Matrix dx, int n) {
        int k = g.patch();
        int at = n * g.outPlane() * k;
        int base = n * g.inSize();
        for (int e = 0; e < g.inSize(); e++) {
            dx.set(base + e, 0);
        }
        for (int i = 0; i < g.outHeight(); i++) {
            for (int j = 0; j < g.outWidth(); j++) {
                for (int c = 0; c < g.inChannels(); c++) {
                    for (int p = 0; p < g.kernelHeight(); p++) {
                        int ih = i * g.strideHeight() - g.padHeight() + p * g.dilationHeight();
                        for (int q = 0; q < g.kernelWidth(); q++) {
                            int iw = j * g.strideWidth() - g.padWidth() + q * g.dilationWidth();
                            if (ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth()) {
                                int e = base + (c * g.inHeight() + ih) * g.inWidth() + iw;
                                dx.set(e, dx.get(e) + dcol.get(at));
                            }
                            at++;
                        }
                    }
                }
            }
        }
    }

    /**
     * Sample n between its NCHW row ({@code channels x plane}) and its block of {@code plane} rows
     * of {@code channels} entries, in the direction asked.
     */
    static void transpose(Matrix from, Matrix to, int n, int channels, int plane, boolean toRows) {
        int size = channels * plane;
        int base = n * size;
        if (!from.isFloat()) {
            for (int c = 0; c < channels; c++) {
                for (int e = 0; e < plane; e++) {
                    if (toRows) {
                        to.set(base + e * channels + c, from.get(base + c * plane + e));
                    } else {
                        to.set(base + c * plane + e, from.get(base + e * channels + c));
                    }
                }
            }
            return;
        }
        Scratch s = SCRATCH.get();
        float[] a = s.floats(0, size);
        float[] b = s.floats(1, size);
        from.floats().get(base, a, 0, size);
        if (toRows) {
            for (int c = 0; c < channels; c++) {
                for (int e = 0; e < plane; e++) {
                    b[e * channels + c] = a[c * plane + e];
                }
            }
        } else {
            for (int e = 0; e < plane; e++) {
                for (int c = 0; c < channels; c++) {
                    b[c * plane + e] = a[e * channels + c];
                }
            }
        }
        to.floats().put(base, b, 0, size);
    }

    /** Each thread's heap staging arrays, grown to the largest sample seen. */
    private static final class Scratch {
        private final float[][] floats = {new float[0], new float[0]};

        float[] floats(int which, int size) {
            if (floats[which].length < size) {
                floats[which] = new float[size];
            }
            return floats[which];
        }
    }
}
