package dev.lva.core.kernel.reference;

import dev.lva.api.LvaException;
import dev.lva.core.kernel.Reductions;
import dev.lva.core.tensor.Matrix;

/** Sums in double, two passes for the standard deviation. */
final class ReferenceReductions implements Reductions {

    @Override
    public double meanSquaredError(Matrix p, Matrix t, Matrix g) {
        if (!p.sameShape(t) || !p.sameShape(g)) {
            throw new LvaException("meanSquaredError: prediction " + p + ", target " + t + ", gradient " + g);
        }
        int n = p.length();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = p.get(i) - t.get(i);
            s += d * d;
            g.set(i, 2 * d / n);
        }
        return s / n;
    }

    @Override
    public double meanSquaredError(Matrix p, Matrix t) {
        if (!p.sameShape(t)) {
            throw new LvaException("meanSquaredError: prediction " + p + ", target " + t);
        }
        int n = p.length();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = p.get(i) - t.get(i);
            s += d * d;
        }
        return s / n;
    }

    @Override
    public void columnMeanStd(Matrix z, double[] mean, double[] std) {
        int n = z.rows();
        for (int j = 0; j < z.cols(); j++) {
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += z.get(r, j);
            }
            double m = s / n;
            double ss = 0;
            for (int r = 0; r < n; r++) {
                double c = z.get(r, j) - m;
                ss += c * c;
            }
            mean[j] = m;
            std[j] = Math.sqrt(ss / (n - 1));
        }
    }
}
