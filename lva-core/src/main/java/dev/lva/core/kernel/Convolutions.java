package dev.lva.core.kernel;

import dev.lva.core.tensor.Matrix;

/**
 * 2-D convolutions (cross-correlations, as PyTorch's {@code conv2d}) over batches stored one NCHW
 * sample per row, with the weight stored {@code out x in x kh x kw} as a matrix of {@code out} rows.
 * The three operations are those of a convolution layer and, with the roles swapped, of a
 * transposed one: {@link #convolve} is the layer's map, {@link #convolveAdjoint} its adjoint (the
 * input gradient, and the transposed convolution's map), {@link #weightGradient} the gradient of
 * {@code <dy, conv(x, w)>} with respect to w.
 *
 * <p>Each caller keeps a {@link Workspace} of its own and passes it to every call: scratch memory,
 * and what an implementation may carry from one call to the next (the CPU kernels keep the lowered
 * input of {@link #convolve} for a {@link #weightGradient} on the same, unchanged x).
 */
public interface Convolutions {

    /** Scratch and saved state for one caller (one layer); not to be shared between threads. */
    interface Workspace {
    }

    /** A new workspace for one caller. */
    Workspace workspace();

    /** {@code y = conv(x, w)}: x is batch x (in*H*W), y batch x (out*Ho*Wo), w out x (in*kh*kw). */
    void convolve(ConvGeometry g, Matrix x, Matrix w, Matrix y, Workspace ws);

    /** {@code dx = conv^T(dy, w)}, the adjoint of {@link #convolve} in x (dx is overwritten). */
    void convolveAdjoint(ConvGeometry g, Matrix dy, Matrix w, Matrix dx, Workspace ws);

    /**
     * {@code dw = beta * dw + d<dy, conv(x, w)>/dw}, summed over the batch. When it follows a
     * {@link #convolve} of the same, unchanged x with the same workspace, an implementation may reuse
     * what that call computed.
     */
    void weightGradient(ConvGeometry g, Matrix x, Matrix dy, double beta, Matrix dw, Workspace ws);

    /** {@code y[n, c, :, :] += bias[c]} for a batch of {@code channels} planes of {@code plane} entries each. */
    void addChannelBias(Matrix y, Matrix bias, int channels, int plane);

    /** {@code db[c] = beta * db[c] + sum over n and the plane of dy[n, c, :, :]}. */
    void channelSums(Matrix dy, int channels, int plane, double beta, Matrix db);
}
