package dev.lva.core.tensor;

import dev.lva.api.RandomSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Parameter initialisation that draws exactly what PyTorch's CPU generator draws after
 * {@code torch.manual_seed(seed)}: a 32-bit Mersenne Twister (MT19937) with PyTorch's transforms
 * for {@code uniform_} (24 random bits for float32, 53 for float64) and {@code normal_} (Box-Muller
 * over blocks of 16 for contiguous tensors of 16 or more entries, in the tensor's precision;
 * otherwise float64 Box-Muller with the second value cached in the generator, as PyTorch caches it).
 * A model built here with seed s starts from the weights the same PyTorch model starts from with
 * seed s (float64 draws bit for bit; float32 normal draws to float rounding, PyTorch vectorising
 * them with its own AVX2 transcendentals), so results compare run for run, not only in distribution.
 */
public final class TorchGenerator implements RandomSource {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] state = new int[N];
    private int next;
    private boolean hasCachedNormal;
    private double cachedNormal;

    public TorchGenerator(long seed) {
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            state[j] = 1812433253 * (state[j - 1] ^ (state[j - 1] >>> 30)) + j;
        }
        next = N;
    }

    /** The next 32 random bits, as an unsigned value. */
    public long nextUnsignedInt() {
        if (next >= N) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7fffffff);
            state[i] = state[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        next = 0;
    }

    private long next64() {
        long hi = nextUnsignedInt();
        long lo = nextUnsignedInt();
        return (hi << 32) | lo;
    }

    /** PyTorch's float32 uniform in [from, to): 24 random bits. */
    public float uniformFloat(float from, float to) {
        float x = (nextUnsignedInt() & 0xffffff) * 0x1.0p-24f;
        return Math.fma(x, to - from, from);
    }

    /** PyTorch's float64 uniform in [from, to): 53 random bits. */
    public double uniformDouble(double from, double to) {
        double x = (next64() & ((1L << 53) - 1)) * 0x1.0p-53;
        return Math.fma(x, to - from, from);
    }

    /** Fills {@code m} like {@code tensor.uniform_(from, to)} in m's precision. */
    public void fillUniform(Matrix m, double from, double to) {
        int n = m.length();
        if (m.isFloat()) {
            float f = (float) from;
            float t = (float) to;
            for (int i = 0; i < n; i++) {
                m.set(i, uniformFloat(f, t));
            }
        } else {
            for (int i = 0; i < n; i++) {
                m.set(i, uniformDouble(from, to));
            }
        }
    }

    /** Fills {@code m} like {@code tensor.normal_(0, 1)} in m's precision. */
    public void fillNormal(Matrix m) {
        int n = m.length();
        if (n >= 16) {
            if (m.isFloat()) {
                fillNormalBlocks(m);
            } else {
                fillNormalBlocksDouble(m);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            m.set(i, nextCachedNormal());
        }
    }

    @Override
    public void fillNormal(INDArray a) {
        fillNormal(Matrix.flat(a));
    }

    @Override
    public void fillUniform(INDArray a, double from, double to) {
        fillUniform(Matrix.flat(a), from, to);
    }

    // float64 tensors of 16+ entries: PyTorch's normal_fill<double>, the float32 recipe in double
    // (53-bit uniforms; theta = 2 pi u2 with pi a double)
    private void fillNormalBlocksDouble(Matrix m) {
        int n = m.length();
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = uniformDouble(0, 1);
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            boxMuller16(data, i);
        }
        if (n % 16 != 0) {
            for (int i = n - 16; i < n; i++) {
                data[i] = uniformDouble(0, 1);
            }
            boxMuller16(data, n - 16);
        }
        for (int i = 0; i < n; i++) {
            m.set(i, data[i]);
        }
    }

    private static void boxMuller16(double[] d, int at) {
        double[] u1 = new double[8];
        double[] theta = new double[8];
        for (int j = 0; j < 8; j++) {
            u1[j] = 1 - d[at + j];
            theta[j] = 2.0 * Math.PI * d[at + j + 8];
        }
        double[] log = Libm.log(u1);
        double[] cos = Libm.cos(theta);
        double[] sin = Libm.sin(theta);
        for (int j = 0; j < 8; j++) {
            double radius = Math.sqrt(-2 * log[j]);
            d[at + j] = radius * cos[j];
            d[at + j + 8] = radius * sin[j];
        }
    }

    // float32 tensors of 16+ entries: uniforms first, then Box-Muller on each block of 16 (pairs j, j+8);
    // a ragged tail redraws the last 16 entries and transforms them as one more block
    private void fillNormalBlocks(Matrix m) {
        int n = m.length();
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = uniformFloat(0f, 1f);
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            boxMuller16(data, i);
        }
        if (n % 16 != 0) {
            for (int i = n - 16; i < n; i++) {
                data[i] = uniformFloat(0f, 1f);
            }
            boxMuller16(data, n - 16);
        }
        for (int i = 0; i < n; i++) {
            m.set(i, data[i]);
        }
    }

    /**
     * log, cos and sin as the C library computes them, through ND4J's native ops (libnd4j calls the
     * C library): PyTorch's float64 draws use them, and Java's own differ from glibc's in the last
     * bit now and then (cos(5.1996...) is 0x1.df83fecb5d7bdp-2 in Java, ...bcp-2 in glibc), which
     * would move a float64 weight by an ulp. Initialisation only, so the cost of an op does not matter.
     */
    private static final class Libm {
        static double[] log(double[] x) {
            return Transforms.log(Nd4j.createFromArray(x), true).toDoubleVector();
        }

        static double[] cos(double[] x) {
            return Transforms.cos(Nd4j.createFromArray(x), true).toDoubleVector();
        }

        static double[] sin(double[] x) {
            return Transforms.sin(Nd4j.createFromArray(x), true).toDoubleVector();
        }
    }

    private static void boxMuller16(float[] d, int at) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1 - d[at + j];
            float u2 = d[at + j + 8];
            float radius = (float) Math.sqrt(-2 * (float) Math.log(u1));
            float theta = (float) (2.0f * Math.PI) * u2;
            d[at + j] = radius * (float) Math.cos(theta);
            d[at + j + 8] = radius * (float) Math.sin(theta);
        }
    }

    private double nextCachedNormal() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = uniformDouble(0, 1);
        double u2 = uniformDouble(0, 1);
        double r = Math.sqrt(-2.0 * Libm.log(new double[] {1.0 - u2})[0]);
        double[] theta = {2.0 * Math.PI * u1};
        cachedNormal = r * Libm.sin(theta)[0];
        hasCachedNormal = true;
        return r * Libm.cos(theta)[0];
    }
}
