package dev.lva.core.kernel;

import dev.lva.core.tensor.Matrix;

/** Sums over many entries. */
public interface Reductions {

    /** The mean of {@code (p - t)^2} over all entries; writes its gradient in p, {@code 2 (p - t) / n}, into g. */
    double meanSquaredError(Matrix p, Matrix t, Matrix g);

    /**
     * The mean of {@code (p - t)^2} alone, each difference taken in float64: evaluation (the latent
     * analysis decodes the data many times) needs the value, not the gradient.
     */
    double meanSquaredError(Matrix p, Matrix t);

    /**
     * Per-column mean and unbiased (N - 1) standard deviation of z (rows are samples), as PyTorch's
     * {@code z.mean(0)} and {@code z.std(0)}, into arrays of z's column count.
     */
    void columnMeanStd(Matrix z, double[] mean, double[] std);
}
