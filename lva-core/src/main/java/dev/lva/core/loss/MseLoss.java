package dev.lva.core.loss;

import dev.lva.core.tensor.Matrix;
import java.nio.FloatBuffer;

/** Mean squared error over all entries, as PyTorch's {@code MSELoss()}. */
public final class MseLoss extends ElementwiseLoss {
    private static final int BLOCK = 4096;

    @Override
    double term(double p, double t) {
        double d = p - t;
        return d * d;
    }

    @Override
    double termDerivative(double p, double t) {
        return 2 * (p - t);
    }

    // Evaluating many batches (the latent analysis decodes the data 2d times) runs this loop on every
    // entry: float32 read in blocks, without per-element dispatch, in float64 as term() computes it.
    @Override
    public double value(Matrix p, Matrix t) {
        if (!p.isFloat() || !t.isFloat()) {
            return super.value(p, t);
        }
        requireShapes(p, t, null);
        FloatBuffer pb = p.floats();
        FloatBuffer tb = t.floats();
        int n = p.length();
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

    // The reconstruction loss runs every step: a float32 loop without per-element dispatch.
    @Override
    public double valueAndGradient(Matrix p, Matrix t, Matrix g) {
        if (!p.isFloat() || !t.isFloat() || !g.isFloat()) {
            return super.valueAndGradient(p, t, g);
        }
        requireShapes(p, t, g);
        FloatBuffer pb = p.floats();
        FloatBuffer tb = t.floats();
        FloatBuffer gb = g.floats();
        int n = p.length();
        float scale = 2f / n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            float d = pb.get(i) - tb.get(i);
            s += d * d;
            gb.put(i, scale * d);
        }
        return s / n;
    }
}
