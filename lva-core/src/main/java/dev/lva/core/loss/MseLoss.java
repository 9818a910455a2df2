package dev.lva.core.loss;

import dev.lva.core.tensor.Matrix;
import java.nio.FloatBuffer;

/** Mean squared error over all entries, as PyTorch's {@code MSELoss()}. */
public final class MseLoss extends ElementwiseLoss {
    @Override
    double term(double p, double t) {
        double d = p - t;
        return d * d;
    }

    @Override
    double termDerivative(double p, double t) {
        return 2 * (p - t);
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
