package dev.lva.core.loss;

import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Reductions;
import dev.lva.core.tensor.Matrix;

/** Mean squared error over all entries, as PyTorch's {@code MSELoss()}. */
public final class MseLoss extends ElementwiseLoss {
    private static final Reductions REDUCTIONS = Kernels.active().reductions();

    @Override
    double term(double p, double t) {
        double d = p - t;
        return d * d;
    }

    @Override
    double termDerivative(double p, double t) {
        return 2 * (p - t);
    }

    // evaluating many batches (the latent analysis decodes the data 2d times): the value alone
    @Override
    public double value(Matrix p, Matrix t) {
        requireShapes(p, t, null);
        return REDUCTIONS.meanSquaredError(p, t);
    }

    // the reconstruction loss runs every step: one pass of the engine's reduction kernel
    @Override
    public double valueAndGradient(Matrix p, Matrix t, Matrix g) {
        requireShapes(p, t, g);
        return REDUCTIONS.meanSquaredError(p, t, g);
    }
}
