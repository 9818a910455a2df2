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
 * and what an implementation may carry from a layer's forward pass to its backward pass (the CPU
 * kernels keep the lowered input of {@link #convolve} for {@link #convolveBackward}).
 */
public interface Convolutions {

    /** Scratch and saved state for one caller (one layer); not to be shared between threads. */
    interface Workspace {
    }

    /** A new workspace for one caller. */
    Workspace workspace();

    /**
     * Says that the following calls with this workspace will pass {@code w}, unchanged, until the
     * next {@code prepare}: an implementation may keep a rearranged copy of it for them. Calls with
     * another weight, or without a {@code prepare}, must work all the same.
     */
    default void prepare(ConvGeometry g, Matrix w, Workspace ws) {
    }

    /** {@code y = conv(x, w)}: x is batch x (in*H*W), y batch x (out*Ho*Wo), w out x (in*kh*kw). */
    void convolve(ConvGeometry g, Matrix x, Matrix w, Matrix y, Workspace ws);

    /** {@code dx = conv^T(dy, w)}, the adjoint of {@link #convolve} in x (dx is overwritten). */
    void convolveAdjoint(ConvGeometry g, Matrix dy, Matrix w, Matrix dx, Workspace ws);

    /**
     * A convolution layer's map: {@code y = conv(x, w)} plus {@code bias[c]} on every output plane of
     * channel c (no bias when it is null). The same as {@link #convolve} then {@link #addChannelBias};
     * an implementation may add the bias while it places the output, saving a pass over it.
     */
    default void convolve(ConvGeometry g, Matrix x, Matrix w, Matrix bias, Matrix y, Workspace ws) {
        convolve(g, x, w, y, ws);
        if (bias != null) {
            addChannelBias(y, bias, g.outChannels(), g.outPlane());
        }
    }

    /**
     * A transposed convolution layer's map: {@code dx = conv^T(dy, w)} plus {@code bias[c]} on every
     * plane of input channel c (no bias when it is null). The same as {@link #convolveAdjoint} then
     * {@link #addChannelBias}; an implementation may add the bias while it places dx.
     */
    default void convolveAdjoint(ConvGeometry g, Matrix dy, Matrix w, Matrix bias, Matrix dx, Workspace ws) {
        convolveAdjoint(g, dy, w, dx, ws);
        if (bias != null) {
            addChannelBias(dx, bias, g.inChannels(), g.inPlane());
        }
    }

    /** {@code dw = beta * dw + d<dy, conv(x, w)>/dw}, summed over the batch. */
    void weightGradient(ConvGeometry g, Matrix x, Matrix dy, double beta, Matrix dw, Workspace ws);

    /**
     * A convolution layer's backward pass: {@code dx = conv^T(dy, w)} (skipped when dx is null) and
     * {@code dw = beta * dw + d<dy, conv(x, w)>/dw}. x must be the input of the last {@link #convolve}
     * with this workspace, unchanged since, so an implementation may reuse what that call computed.
     */
    default void convolveBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                  Workspace ws) {
        if (dx != null) {
            convolveAdjoint(g, dy, w, dx, ws);
        }
        weightGradient(g, x, dy, beta, dw, ws);
    }

    /**
     * A transposed convolution layer's backward pass, the layer being {@code y = conv^T(x, w)}: the
     * input gradient {@code dx = conv(dy, w)} (skipped when dx is null) and
     * {@code dw = beta * dw + d<dy, conv^T(x, w)>/dw}, which is the convolution's weight gradient with
     * input dy and output gradient x. x must be the input of the last {@link #convolveAdjoint} with
     * this workspace, unchanged since, so an implementation may reuse what that call computed.
     */
    default void adjointBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                 Workspace ws) {
        if (dx != null) {
            convolve(g, dy, w, dx, ws);
        }
        weightGradient(g, dy, x, beta, dw, ws);
    }

    /**
     * {@link #convolveBackward(ConvGeometry, Matrix, Matrix, Matrix, Matrix, double, Matrix, Workspace)} and
     * the bias gradient: {@code db[c] += } the sum of dy over channel c's planes and the batch (skipped when
     * db is null), as {@link #channelSums} with beta 1. An implementation may sum dy while it reads it for
     * the other gradients, saving a pass over it.
     */
    default void convolveBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                  Matrix db, Workspace ws) {
        convolveBackward(g, x, dy, w, dx, beta, dw, ws);
        if (db != null) {
            channelSums(dy, g.outChannels(), g.outPlane(), 1, db);
        }
    }

    /**
     * {@link #adjointBackward(ConvGeometry, Matrix, Matrix, Matrix, Matrix, double, Matrix, Workspace)} and
     * the transposed layer's bias gradient: {@code db[c] += } the sum of dy over channel c's planes and the
     * batch (dy has the convolution's input channels; skipped when db is null), as {@link #channelSums} with
     * beta 1. An implementation may sum dy while it lowers it.
     */
    default void adjointBackward(ConvGeometry g, Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw,
                                 Matrix db, Workspace ws) {
        adjointBackward(g, x, dy, w, dx, beta, dw, ws);
        if (db != null) {
            channelSums(dy, g.inChannels(), g.inPlane(), 1, db);
        }
    }

    /** {@code y[n, c, :, :] += bias[c]} for a batch of {@code channels} planes of {@code plane} entries each. */
    void addChannelBias(Matrix y, Matrix bias, int channels, int plane);

    /** {@code db[c] = beta * db[c] + sum over n and the plane of dy[n, c, :, :]}. */
    void channelSums(Matrix dy, int channels, int plane, double beta, Matrix db);
}
