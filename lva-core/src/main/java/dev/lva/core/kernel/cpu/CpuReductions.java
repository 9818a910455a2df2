package dev.lva.core.kernel.cpu;

import dev.lva.api.LvaException;
import dev.lva.core.kernel.Reductions;
import dev.lva.core.tensor.Matrix;
import java.nio.FloatBuffer;

/** Sums as single passes; the float32 loss loop without per-entry dispatch. */
final class CpuReductions implements Reductions {
    /** Entries copied to the heap at a time by the value-only loss. */
    private static final int BLOCK = 4096;

    @Override
    public double meanSquaredError(Matrix p, Matrix t, Matrix g) {
        if (!p.sameShape(t) || !p.sameShape(g)) {
            throw new LvaException("meanSquaredError: prediction " + p + ", target " + t + ", gradient " + g);
        }
        int n = p.length();
        if (!p.isFloat() || !t.isFloat() || !g.isFloat()) {
            double s = 0;
            double inv = 1.0 / n;
            for (int i = 0; i < n; i++) {
                double d = p.get(i) - t.get(i);
                s += d * d;
                g.set(i, 2 * d * inv);
            }
            return s * inv;
        }
        // the reconstruction loss runs every step: float differences, a double sum
        FloatBuffer pb = p.floats();
        FloatBuffer tb = t.floats();
        FloatBuffer gb = g.floats();
        float scale = 2f / n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            float d = pb.get(i) - tb.get(i);
            s += d * d;
            gb.put(i, scale * d);
        }
        return s / n;
    }

    @Override
    public double meanSquaredError(Matrix p, Matrix t) {
        if (!p.sameShape(t)) {
            throw new LvaException("meanSquaredError: prediction " + p + ", target " + t);
        }
        int n = p.length();
        if (!p.isFloat() || !t.isFloat()) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = p.get(i) - t.get(i);
                s += d * d;
            }
            return s / n;
        }
        // float32 read in heap blocks, without per-entry dispatch
        FloatBuffer pb = p.floats();
        FloatBuffer tb = t.floats();
        float[] pa = new float[Math.min(n, BLOCK)];
        float[] ta = new float[pa.length];
        double s = 0;
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            pb.get(from, pa, 0, len);
            tb.get(from, ta, 0, len);
            for (int i = 0; i < len; i++) {
                double d = (double) pa[i] - ta[i];
                s += d * d;
            }
        }
        return s / n;
    }

    @Override
    public void columnMeanStd(Matrix z, double[] mean, double[] std) {
        int n = z.rows();
        int d = z.cols();
        java.util.Arrays.fill(mean, 0, d, 0);
        java.util.Arrays.fill(std, 0, d, 0);
        // row by row: the matrix is row-major, so each pass reads it in order
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                mean[j] += z.get(base + j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                double c = z.get(base + j) - mean[j];
                std[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / (n - 1));
        }
    }
}
