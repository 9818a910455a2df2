package dev.lva.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.core.Engine;
import dev.lva.core.kernel.cpu.CpuKernels;
import dev.lva.core.kernel.reference.ReferenceKernels;
import dev.lva.core.nn.activation.Activation;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every optimised kernel against its plain float64 reference over randomised shapes, strides,
 * paddings and odd sizes: float32 within 1e-5 and float64 within 1e-12, relative to the magnitude of
 * the terms each result sums (the same kernel run on absolute values: a sum that cancels to nearly
 * zero is compared with the size of what cancelled, not with its own rounding).
 */
class KernelsAgreeTest {
    private static final Kernels CPU = CpuKernels.INSTANCE;
    private static final Kernels REF = ReferenceKernels.INSTANCE;
    private static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE};

    @AfterEach
    void oneThread() {
        Engine.setThreads(1);
    }

    private static double tolerance(DataType t) {
        return t == DataType.FLOAT ? 1e-5 : 1e-12;
    }

    private static Matrix random(DataType t, int rows, int cols, Rng rng) {
        Matrix m = Matrix.zeros(t, rows, cols);
        for (int i = 0; i < m.length(); i++) {
            m.set(i, rng.uniform(-2, 2));
        }
        return m;
    }

    private static Matrix copy(Matrix m) {
        Matrix c = Matrix.zeros(m.dataType(), m.rows(), m.cols());
        c.copyFrom(m);
        return c;
    }

    private static Matrix abs(Matrix m) {
        Matrix c = copy(m);
        for (int i = 0; i < c.length(); i++) {
            c.set(i, Math.abs(c.get(i)));
        }
        return c;
    }

    /** opt and ref agree entry by entry within the type's tolerance times max(|ref|, scale). */
    private static void assertAgree(Matrix ref, Matrix opt, Matrix scale, String what) {
        assertEquals(ref.length(), opt.length(), what);
        double tol = tolerance(ref.dataType());
        for (int i = 0; i < ref.length(); i++) {
            double r = ref.get(i);
            double o = opt.get(i);
            double s = Math.max(Math.max(Math.abs(r), scale == null ? 0 : Math.abs(scale.get(i))), 1e-30);
            int at = i;
            assertTrue(Math.abs(r - o) <= tol * s, () -> what + ": entry " + at + " optimised " + o + ", reference "
                    + r + " (scale " + s + ")");
        }
    }

    @Test
    void products() {
        Rng rng = new Rng(1);
        for (int trial = 0; trial < 60; trial++) {
            DataType t = TYPES[trial % 2];
            Engine.setThreads(trial % 3 == 0 ? 2 : 1);
            // now and then a product large enough to be cut over the workers
            boolean large = trial % 10 == 0;
            int m = 1 + rng.nextInt(large ? 300 : 70);
            int n = 1 + rng.nextInt(large ? 300 : 70);
            int k = 1 + rng.nextInt(large ? 200 : 70);
            boolean ta = rng.nextInt(2) == 1;
            boolean tb = rng.nextInt(2) == 1;
            double alpha = rng.uniform(-2, 2);
            double beta = trial % 4 == 0 ? 0 : rng.uniform(-2, 2);
            Matrix a = ta ? random(t, k, m, rng) : random(t, m, k, rng);
            Matrix b = tb ? random(t, n, k, rng) : random(t, k, n, rng);
            Matrix c = random(t, m, n, rng);
            Matrix ref = copy(c);
            Matrix opt = copy(c);
            Matrix scale = abs(c);
            REF.products().gemm(ta, tb, alpha, a, b, beta, ref);
            CPU.products().gemm(ta, tb, alpha, a, b, beta, opt);
            REF.products().gemm(ta, tb, Math.abs(alpha), abs(a), abs(b), Math.abs(beta), scale);
            String what = "gemm " + t + " " + m + "x" + n + "x" + k + (ta ? " A^T" : "") + (tb ? " B^T" : "");
            assertAgree(ref, opt, scale, what);

            Matrix x = random(t, 1, k, rng);
            Matrix y = random(t, 1, m, rng);
            Matrix yRef = copy(y);
            Matrix yScale = abs(y);
            REF.products().gemv(ta, alpha, a, x, beta, yRef);
            CPU.products().gemv(ta, alpha, a, x, beta, y);
            REF.products().gemv(ta, Math.abs(alpha), abs(a), abs(x), Math.abs(beta), yScale);
            assertAgree(yRef, y, yScale, "gemv " + what);

            Matrix u = random(t, 1, a.rows(), rng);
            Matrix v = random(t, 1, a.cols(), rng);
            Matrix aRef = copy(a);
            Matrix aOpt = copy(a);
            Matrix aScale = abs(a);
            REF.products().ger(alpha, u, v, aRef);
            CPU.products().ger(alpha, u, v, aOpt);
            REF.products().ger(Math.abs(alpha), abs(u), abs(v), aScale);
            assertAgree(aRef, aOpt, aScale, "ger " + what);

            Matrix p = random(t, 1, a.length(), rng);
            Matrix pRef = copy(p);
            Matrix pScale = abs(p);
            REF.products().axpy(alpha, a, pRef);
            CPU.products().axpy(alpha, a, p);
            REF.products().axpy(Math.abs(alpha), abs(a), pScale);
            assertAgree(pRef, p, pScale, "axpy " + what);
            pRef.copyFrom(p);
            REF.products().scale(beta, pRef);
            CPU.products().scale(beta, p);
            assertAgree(pRef, p, null, "scale " + what);
            CPU.products().copy(a, p);
            REF.products().copy(a, pRef);
            assertAgree(pRef, p, null, "copy " + what);
            double dRef = REF.products().dot(a, pRef);
            double dOpt = CPU.products().dot(a, p);
            double dScale = REF.products().dot(abs(a), abs(p));
            assertTrue(Math.abs(dRef - dOpt) <= tolerance(t) * dScale, "dot " + what + ": " + dOpt + " vs " + dRef);
        }
    }

    @Test
    void productsSideBySideGiveWhatTheyGiveAlone() {
        Rng rng = new Rng(2);
        for (DataType t : TYPES) {
            for (int threads = 1; threads <= 2; threads++) {
                Engine.setThreads(threads);
                Matrix a = random(t, 256, 128, rng);
                Matrix b = random(t, 128, 130, rng);
                Matrix c1 = Matrix.zeros(t, 256, 130);
                Matrix c2 = Matrix.zeros(t, 128, 128);
                Blas.Product first = new Blas.Product().set(false, false, 1, a, b, 0, c1);
                Blas.Product second = new Blas.Product().set(true, false, 1, a, a, 0, c2);
                CPU.products().gemmBoth(first, second);
                Matrix r1 = Matrix.zeros(t, 256, 130);
                Matrix r2 = Matrix.zeros(t, 128, 128);
                REF.products().gemmBoth(new Blas.Product().set(false, false, 1, a, b, 0, r1),
                        new Blas.Product().set(true, false, 1, a, a, 0, r2));
                Matrix s1 = Matrix.zeros(t, 256, 130);
                Matrix s2 = Matrix.zeros(t, 128, 128);
                REF.products().gemm(false, false, 1, abs(a), abs(b), 0, s1);
                REF.products().gemm(true, false, 1, abs(a), abs(a), 0, s2);
                assertAgree(r1, c1, s1, "first of two, " + t + ", threads " + threads);
                assertAgree(r2, c2, s2, "second of two, " + t + ", threads " + threads);
            }
        }
    }

    @Test
    void convolutions() {
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 80; trial++) {
            DataType t = TYPES[trial % 2];
            Engine.setThreads(trial % 3 == 0 ? 2 : 1);
            boolean large = trial % 8 == 0;
            int batch = 1 + rng.nextInt(large ? 12 : 4);
            int in = 1 + rng.nextInt(large ? 16 : 5);
            int out = 1 + rng.nextInt(large ? 16 : 5);
            int kh = 1 + rng.nextInt(4);
            int kw = 1 + rng.nextInt(4);
            int sh = 1 + rng.nextInt(3);
            int sw = 1 + rng.nextInt(3);
            int ph = rng.nextInt(3);
            int pw = rng.nextInt(3);
            int dh = 1 + rng.nextInt(2);
            int dw = 1 + rng.nextInt(2);
            int h = dh * (kh - 1) + 1 + rng.nextInt(large ? 14 : 7);
            int w = dw * (kw - 1) + 1 + rng.nextInt(large ? 14 : 7);
            ConvGeometry g = ConvGeometry.of(in, h, w, out, kh, kw, sh, sw, ph, pw, dh, dw);
            checkConvolution(t, batch, g, trial, rng);
        }
    }

    /**
     * The conv workload's geometries (its channels divided by 8) at its batch of 100 and at a batch that
     * leaves a ragged last block: the CPU kernels run some in blocks of samples and the others over the
     * whole batch ({@code CpuConvolutionsBlocksTest} pins which is which).
     */
    @Test
    void convolutionsOfTheConvWorkloadsShapes() {
        Rng rng = new Rng(5);
        ConvGeometry[] shapes = {
            ConvGeometry.of(1, 32, 32, 4, 4, 4, 2, 2, 1, 1, 1, 1),
            ConvGeometry.of(4, 16, 16, 8, 4, 4, 2, 2, 1, 1, 1, 1),
            ConvGeometry.of(8, 8, 8, 16, 4, 4, 2, 2, 1, 1, 1, 1),
            ConvGeometry.of(16, 4, 4, 32, 4, 4, 2, 2, 1, 1, 1, 1)};
        int trial = 0;
        for (int batch : new int[] {100, 37}) {
            for (ConvGeometry g : shapes) {
                for (DataType t : TYPES) {
                    Engine.setThreads(trial % 2 == 0 ? 2 : 1);
                    checkConvolution(t, batch, g, trial, rng);
                    trial++;
                }
            }
        }
    }

    /** Every convolution kernel of the CPU kernels against the reference on one geometry and batch. */
    private static void checkConvolution(DataType t, int batch, ConvGeometry g, int trial, Rng rng) {
        int out = g.outChannels();
        String what = t + " batch " + batch + " " + g;
        Matrix x = random(t, batch, g.inSize(), rng);
        Matrix weight = random(t, out, g.patch(), rng);
        Matrix dy = random(t, batch, g.outSize(), rng);
        Convolutions.Workspace ws = CPU.convolutions().workspace();
        Convolutions.Workspace rs = REF.convolutions().workspace();

        Matrix yRef = Matrix.zeros(t, batch, g.outSize());
        Matrix yOpt = random(t, batch, g.outSize(), rng);
        Matrix yScale = Matrix.zeros(t, batch, g.outSize());
        if (trial % 2 == 0) {
            CPU.convolutions().prepare(g, weight, ws);
        }
        REF.convolutions().convolve(g, x, weight, yRef, rs);
        CPU.convolutions().convolve(g, x, weight, yOpt, ws);
        REF.convolutions().convolve(g, abs(x), abs(weight), yScale, rs);
        assertAgree(yRef, yOpt, yScale, "convolve " + what);
        // a weight other than the prepared one is used as it is
        Matrix other = random(t, out, g.patch(), rng);
        Matrix oRef = Matrix.zeros(t, batch, g.outSize());
        Matrix oOpt = Matrix.zeros(t, batch, g.outSize());
        Matrix oScale = Matrix.zeros(t, batch, g.outSize());
        REF.convolutions().convolve(g, x, other, oRef, rs);
        CPU.convolutions().convolve(g, x, other, oOpt, ws);
        REF.convolutions().convolve(g, abs(x), abs(other), oScale, rs);
        assertAgree(oRef, oOpt, oScale, "convolve with another weight " + what);
        CPU.convolutions().convolve(g, x, weight, yOpt, ws);

        // a layer's backward right after its forward of the same x (the CPU kernel reuses the lowering)
        double beta = trial % 2 == 0 ? 0 : 1;
        Matrix dw0 = random(t, out, g.patch(), rng);
        Matrix dwRef = copy(dw0);
        Matrix dwOpt = copy(dw0);
        Matrix dwScale = abs(dw0);
        Matrix dxRef = Matrix.zeros(t, batch, g.inSize());
        Matrix dxOpt = random(t, batch, g.inSize(), rng);
        Matrix dxScale = Matrix.zeros(t, batch, g.inSize());
        REF.convolutions().convolveBackward(g, x, dy, weight, dxRef, beta, dwRef, rs);
        CPU.convolutions().convolveBackward(g, x, dy, weight, trial % 5 == 0 ? null : dxOpt, beta, dwOpt, ws);
        REF.convolutions().convolveBackward(g, abs(x), abs(dy), abs(weight), dxScale, beta, dwScale, rs);
        assertAgree(dwRef, dwOpt, dwScale, "backward: weight gradient " + what);
        if (trial % 5 != 0) {
            assertAgree(dxRef, dxOpt, dxScale, "backward: input gradient " + what);
        }

        // the adjoint alone (a transposed convolution's forward)
        Matrix adjOpt = random(t, batch, g.inSize(), rng);
        CPU.convolutions().convolveAdjoint(g, dy, weight, adjOpt, ws);
        assertAgree(dxRef, adjOpt, dxScale, "adjoint " + what);

        // a transposed convolution's backward: x is its input (output-shaped), dy its output gradient
        Matrix tdw0 = random(t, out, g.patch(), rng);
        Matrix tdwRef = copy(tdw0);
        Matrix tdwOpt = copy(tdw0);
        Matrix tdwScale = abs(tdw0);
        Matrix tdxRef = Matrix.zeros(t, batch, g.outSize());
        Matrix tdxOpt = random(t, batch, g.outSize(), rng);
        Matrix tdxScale = Matrix.zeros(t, batch, g.outSize());
        Matrix gradOut = random(t, batch, g.inSize(), rng);
        REF.convolutions().adjointBackward(g, dy, gradOut, weight, tdxRef, beta, tdwRef, rs);
        CPU.convolutions().adjointBackward(g, dy, gradOut, weight, trial % 5 == 1 ? null : tdxOpt, beta, tdwOpt,
                ws);
        REF.convolutions().adjointBackward(g, abs(dy), abs(gradOut), abs(weight), tdxScale, beta, tdwScale, rs);
        assertAgree(tdwRef, tdwOpt, tdwScale, "transposed backward: weight gradient " + what);
        if (trial % 5 != 1) {
            assertAgree(tdxRef, tdxOpt, tdxScale, "transposed backward: input gradient " + what);
        }

        // the weight gradient of another x stands alone
        Matrix x2 = random(t, batch, g.inSize(), rng);
        Matrix dw2Ref = Matrix.zeros(t, out, g.patch());
        Matrix dw2Opt = Matrix.zeros(t, out, g.patch());
        Matrix dw2Scale = Matrix.zeros(t, out, g.patch());
        REF.convolutions().weightGradient(g, x2, dy, 0, dw2Ref, rs);
        CPU.convolutions().weightGradient(g, x2, dy, 0, dw2Opt, ws);
        REF.convolutions().weightGradient(g, abs(x2), abs(dy), 0, dw2Scale, rs);
        assertAgree(dw2Ref, dw2Opt, dw2Scale, "weight gradient of another input " + what);
        // and a backward that follows it (not a forward of x) lowers x afresh
        Matrix dw3 = Matrix.zeros(t, out, g.patch());
        CPU.convolutions().convolveBackward(g, x, dy, weight, null, 0, dw3, ws);
        Matrix dw3Ref = Matrix.zeros(t, out, g.patch());
        REF.convolutions().weightGradient(g, x, dy, 0, dw3Ref, rs);
        assertAgree(dw3Ref, dw3, dwScale, "backward without its forward " + what);

        Matrix bias = random(t, 1, out, rng);
        Matrix bRef = copy(yRef);
        Matrix bOpt = copy(yRef);
        REF.convolutions().addChannelBias(bRef, bias, out, g.outPlane());
        CPU.convolutions().addChannelBias(bOpt, bias, out, g.outPlane());
        assertAgree(bRef, bOpt, yScale, "channel bias " + what);
        Matrix sRef = random(t, 1, out, rng);
        Matrix sOpt = copy(sRef);
        Matrix sScale = abs(sRef);
        REF.convolutions().channelSums(dy, out, g.outPlane(), beta, sRef);
        CPU.convolutions().channelSums(dy, out, g.outPlane(), beta, sOpt);
        REF.convolutions().channelSums(abs(dy), out, g.outPlane(), beta, sScale);
        assertAgree(sRef, sOpt, sScale, "channel sums " + what);

        // the layers' maps with their bias added as the output is placed: the map, then the bias
        Matrix yb = random(t, batch, g.outSize(), rng);
        CPU.convolutions().convolve(g, x, weight, bias, yb, ws);
        Matrix bScale = copy(yScale);
        REF.convolutions().addChannelBias(bScale, abs(bias), out, g.outPlane());
        assertAgree(bRef, yb, bScale, "convolve with bias " + what);
        Matrix inBias = random(t, 1, g.inChannels(), rng);
        Matrix adjRef = copy(dxRef);
        REF.convolutions().addChannelBias(adjRef, inBias, g.inChannels(), g.inPlane());
        Matrix adjScale = copy(dxScale);
        REF.convolutions().addChannelBias(adjScale, abs(inBias), g.inChannels(), g.inPlane());
        Matrix adjb = random(t, batch, g.inSize(), rng);
        CPU.convolutions().convolveAdjoint(g, dy, weight, inBias, adjb, ws);
        assertAgree(adjRef, adjb, adjScale, "adjoint with bias " + what);
        // the interface's composition (the reference's) is the same map
        Matrix adjDefault = random(t, batch, g.inSize(), rng);
        REF.convolutions().convolveAdjoint(g, dy, weight, inBias, adjDefault, rs);
        assertAgree(adjRef, adjDefault, adjScale, "reference adjoint with bias " + what);

        // the layers' backward passes with the bias gradient summed as dy is read: the same numbers as the
        // CPU kernels' own channel sums (beta 1), and the same gradients as without it
        Matrix db0 = random(t, 1, out, rng);
        Matrix dbRef = copy(db0);
        REF.convolutions().channelSums(dy, out, g.outPlane(), 1, dbRef);
        Matrix dbScale = abs(db0);
        REF.convolutions().channelSums(abs(dy), out, g.outPlane(), 1, dbScale);
        Matrix dbPass = copy(db0);
        CPU.convolutions().channelSums(dy, out, g.outPlane(), 1, dbPass);
        Matrix dbOpt = copy(db0);
        Matrix dwb = copy(dw0);
        Matrix dxb = random(t, batch, g.inSize(), rng);
        boolean withDx = trial % 3 != 0;
        CPU.convolutions().convolve(g, x, weight, yOpt, ws);
        CPU.convolutions().convolveBackward(g, x, dy, weight, withDx ? dxb : null, beta, dwb, dbOpt, ws);
        assertAgree(dbRef, dbOpt, dbScale, "backward: bias gradient " + what);
        assertSame(dbPass, dbOpt, "backward: bias gradient against channelSums " + what);
        assertAgree(dwRef, dwb, dwScale, "backward with bias: weight gradient " + what);
        if (withDx) {
            assertAgree(dxRef, dxb, dxScale, "backward with bias: input gradient " + what);
        }
        Matrix tdb0 = random(t, 1, g.inChannels(), rng);
        Matrix tdbRef = copy(tdb0);
        REF.convolutions().channelSums(gradOut, g.inChannels(), g.inPlane(), 1, tdbRef);
        Matrix tdbScale = abs(tdb0);
        REF.convolutions().channelSums(abs(gradOut), g.inChannels(), g.inPlane(), 1, tdbScale);
        Matrix tdbPass = copy(tdb0);
        CPU.convolutions().channelSums(gradOut, g.inChannels(), g.inPlane(), 1, tdbPass);
        Matrix tdbOpt = copy(tdb0);
        Matrix tdwb = copy(tdw0);
        Matrix tdxb = random(t, batch, g.outSize(), rng);
        CPU.convolutions().convolveAdjoint(g, dy, weight, adjOpt, ws);
        CPU.convolutions().adjointBackward(g, dy, gradOut, weight, withDx ? tdxb : null, beta, tdwb, tdbOpt, ws);
        assertAgree(tdbRef, tdbOpt, tdbScale, "transposed backward: bias gradient " + what);
        assertSame(tdbPass, tdbOpt, "transposed backward: bias gradient against channelSums " + what);
        assertAgree(tdwRef, tdwb, tdwScale, "transposed backward with bias: weight gradient " + what);
        if (withDx) {
            assertAgree(tdxRef, tdxb, tdxScale, "transposed backward with bias: input gradient " + what);
        }
        // the interface's composition (the reference's) gives the reference's sums
        Matrix tdbDefault = copy(tdb0);
        REF.convolutions().adjointBackward(g, dy, gradOut, weight, null, beta, copy(tdw0), tdbDefault, rs);
        assertAgree(tdbRef, tdbDefault, tdbScale, "reference transposed backward: bias gradient " + what);
    }

    /** Entry for entry the same numbers. */
    private static void assertSame(Matrix expected, Matrix actual, String what) {
        for (int i = 0; i < expected.length(); i++) {
            assertEquals(expected.get(i), actual.get(i), 0, what + " at " + i);
        }
    }

    @Test
    void aBiasThatIsNotOnePerChannelIsRefused() {
        ConvGeometry g = ConvGeometry.of(2, 6, 6, 3, 3, 3, 1, 1, 1, 1, 1, 1);
        Matrix x = Matrix.zeros(DataType.FLOAT, 2, g.inSize());
        Matrix w = Matrix.zeros(DataType.FLOAT, 3, g.patch());
        Matrix y = Matrix.zeros(DataType.FLOAT, 2, g.outSize());
        Convolutions.Workspace ws = CPU.convolutions().workspace();
        LvaException wrongCount = assertThrows(LvaException.class,
                () -> CPU.convolutions().convolve(g, x, w, Matrix.zeros(DataType.FLOAT, 1, 2), y, ws));
        assertTrue(wrongCount.getMessage().contains("convolve") && wrongCount.getMessage().contains("(3)"),
                wrongCount.getMessage());
        LvaException wrongType = assertThrows(LvaException.class,
                () -> CPU.convolutions().convolveAdjoint(g, y, w, Matrix.zeros(DataType.DOUBLE, 1, 2), x, ws));
        assertTrue(wrongType.getMessage().contains("convolveAdjoint"), wrongType.getMessage());
        Matrix dw = Matrix.zeros(DataType.FLOAT, 3, g.patch());
        CPU.convolutions().convolve(g, x, w, y, ws);
        LvaException wrongGradient = assertThrows(LvaException.class, () -> CPU.convolutions().convolveBackward(g, x,
                y, w, null, 0, dw, Matrix.zeros(DataType.FLOAT, 1, 2), ws));
        assertTrue(wrongGradient.getMessage().contains("convolveBackward")
                && wrongGradient.getMessage().contains("(3)"), wrongGradient.getMessage());
        LvaException wrongTransposed = assertThrows(LvaException.class, () -> CPU.convolutions().adjointBackward(g,
                y, x, w, null, 0, dw, Matrix.zeros(DataType.FLOAT, 1, 3), ws));
        assertTrue(wrongTransposed.getMessage().contains("adjointBackward")
                && wrongTransposed.getMessage().contains("(2)"), wrongTransposed.getMessage());
    }

    @Test
    void elementwiseFunctions() {
        Rng rng = new Rng(4);
        for (String name : Activations.NAMES) {
            for (DataType t : TYPES) {
                for (int size : new int[] {1, 37, 20_000}) {
                    Engine.setThreads(size > 1000 ? 2 : 1);
                    Activation f = Activations.create(name);
                    Matrix x = random(t, 1, size, rng);
                    x.set(0, 0); // the kink of the piecewise functions
                    Matrix yRef = Matrix.zeros(t, 1, size);
                    Matrix yOpt = Matrix.zeros(t, 1, size);
                    REF.elementwise().forward(f, x, yRef);
                    CPU.elementwise().forward(f, x, yOpt);
                    assertAgree(yRef, yOpt, x, name + " forward " + t + " " + size);
                    Matrix dy = random(t, 1, size, rng);
                    Matrix dxRef = Matrix.zeros(t, 1, size);
                    Matrix dxOpt = Matrix.zeros(t, 1, size);
                    double pRef = REF.elementwise().backward(f, x, yRef, dy, dxRef);
                    double pOpt = CPU.elementwise().backward(f, x, yRef, dy, dxOpt);
                    assertAgree(dxRef, dxOpt, dy, name + " backward " + t + " " + size);
                    assertEquals(pRef, pOpt, tolerance(t) * size * 4, name + " parameter gradient " + t);
                    if (name.equals("prelu") && size > 1) {
                        assertTrue(pRef != 0, "prelu sums its slope's gradient");
                    }
                }
            }
        }
    }

    @Test
    void reductions() {
        Rng rng = new Rng(5);
        for (int trial = 0; trial < 20; trial++) {
            DataType t = TYPES[trial % 2];
            int rows = 2 + rng.nextInt(60);
            int cols = 1 + rng.nextInt(9);
            Matrix p = random(t, rows, cols, rng);
            Matrix target = random(t, rows, cols, rng);
            Matrix gRef = Matrix.zeros(t, rows, cols);
            Matrix gOpt = Matrix.zeros(t, rows, cols);
            double ref = REF.reductions().meanSquaredError(p, target, gRef);
            double opt = CPU.reductions().meanSquaredError(p, target, gOpt);
            assertEquals(ref, opt, tolerance(t) * ref, "mse " + t);
            assertAgree(gRef, gOpt, null, "mse gradient " + t);
            double valueRef = REF.reductions().meanSquaredError(p, target);
            assertEquals(valueRef, CPU.reductions().meanSquaredError(p, target), 1e-12 * valueRef, "mse value " + t);
            assertEquals(ref, valueRef, tolerance(t) * ref, "mse value and value with gradient " + t);
            double[] mRef = new double[cols];
            double[] sRef = new double[cols];
            double[] mOpt = new double[cols];
            double[] sOpt = new double[cols];
            REF.reductions().columnMeanStd(p, mRef, sRef);
            CPU.reductions().columnMeanStd(p, mOpt, sOpt);
            for (int j = 0; j < cols; j++) {
                // both sum in double: the float32 case differs only in the order of the sums
                assertEquals(sRef[j], sOpt[j], 1e-12 * sRef[j], "std " + t + " column " + j);
                assertEquals(mRef[j], mOpt[j], 1e-12 * 2, "mean " + t + " column " + j);
            }
        }
    }

    @Test
    void optimizerUpdates() {
        Rng rng = new Rng(6);
        for (int trial = 0; trial < 12; trial++) {
            DataType t = TYPES[trial % 2];
            Engine.setThreads(trial % 3 == 0 ? 2 : 1);
            int n = trial % 4 == 0 ? 70_000 : 1 + rng.nextInt(5000);
            Matrix p = random(t, 1, n, rng);
            Matrix g = random(t, 1, n, rng);
            AdamStep ref = adamStep(t, n, trial, rng);
            AdamStep opt = adamStep(t, n, trial, new Rng(1000 + trial));
            copyMoments(ref, opt);
            Matrix pRef = copy(p);
            Matrix pOpt = copy(p);
            // the first moment sums 0.9 m and 0.1 g, which may cancel: compare with their magnitudes
            Matrix mScale = moments(ref, true);
            for (int i = 0; i < n; i++) {
                mScale.set(i, 0.9 * Math.abs(mScale.get(i)) + 0.1 * (Math.abs(g.get(i)) + 0.01 * Math.abs(p.get(i))));
            }
            REF.updates().adam(ref, pRef, g);
            CPU.updates().adam(opt, pOpt, g);
            // the new parameters: the old ones and the step taken
            Matrix pScale = abs(p);
            for (int i = 0; i < n; i++) {
                pScale.set(i, pScale.get(i) + Math.abs(pRef.get(i) - p.get(i)));
            }
            assertAgree(pRef, pOpt, pScale, "adam parameters " + t + " " + n);
            assertAgree(moments(ref, true), moments(opt, true), mScale, "adam first moments " + t);
            assertAgree(moments(ref, false), moments(opt, false), null, "adam second moments " + t);

            Matrix buffer = random(t, 1, n, rng);
            Matrix bRef = copy(buffer);
            REF.updates().sgd(pRef, g, bRef, trial % 2 == 0, 0.1, 0.9, 0.1 * (trial % 2), trial % 3 == 1, 0.01);
            CPU.updates().sgd(pOpt, g, buffer, trial % 2 == 0, 0.1, 0.9, 0.1 * (trial % 2), trial % 3 == 1, 0.01);
            assertAgree(pRef, pOpt, abs(p), "sgd " + t);
            assertAgree(bRef, buffer, null, "sgd momentum " + t);
        }
    }

    private static AdamStep adamStep(DataType t, int n, int trial, Rng rng) {
        AdamStep s = new AdamStep();
        s.beta1 = 0.9;
        s.beta2 = 0.99;
        s.eps = 1e-8;
        s.stepSize = 1e-3 / (1 - Math.pow(0.9, 3));
        s.invBc2Sqrt = 1 / Math.sqrt(1 - Math.pow(0.99, 3));
        s.coupledDecay = trial % 2 == 0 ? 0.01 : 0;
        s.shrink = trial % 2 == 0 ? 1 : 1 - 1e-3 * 0.01;
        if (t == DataType.FLOAT) {
            s.mf = new float[n];
            s.vf = new float[n];
            for (int i = 0; i < n; i++) {
                s.mf[i] = (float) rng.uniform(-1, 1);
                s.vf[i] = (float) rng.uniform(0, 1);
            }
        } else {
            s.md = new double[n];
            s.vd = new double[n];
            for (int i = 0; i < n; i++) {
                s.md[i] = rng.uniform(-1, 1);
                s.vd[i] = rng.uniform(0, 1);
            }
        }
        return s;
    }

    private static void copyMoments(AdamStep from, AdamStep to) {
        to.mf = from.mf == null ? null : from.mf.clone();
        to.vf = from.vf == null ? null : from.vf.clone();
        to.md = from.md == null ? null : from.md.clone();
        to.vd = from.vd == null ? null : from.vd.clone();
    }

    private static Matrix moments(AdamStep s, boolean first) {
        int n = s.mf != null ? s.mf.length : s.md.length;
        Matrix m = Matrix.zeros(s.mf != null ? DataType.FLOAT : DataType.DOUBLE, 1, n);
        for (int i = 0; i < n; i++) {
            m.set(i, s.mf != null ? (first ? s.mf[i] : s.vf[i]) : (first ? s.md[i] : s.vd[i]));
        }
        return m;
    }
}
