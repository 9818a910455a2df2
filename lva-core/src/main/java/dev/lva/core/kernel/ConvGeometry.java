package dev.lva.core.kernel;

import dev.lva.api.LvaException;

/**
 * Everything about one 2-D convolution but the batch size: input planes {@code inChannels x inHeight
 * x inWidth}, output planes {@code outChannels x outHeight x outWidth}, and the kernel's size,
 * stride, zero padding and dilation per axis, as PyTorch's {@code conv2d} (groups = 1). The output
 * size follows from the rest: {@code (in + 2 pad - dilation (kernel - 1) - 1) / stride + 1}.
 */
public record ConvGeometry(int inChannels, int inHeight, int inWidth, int outChannels, int outHeight, int outWidth,
                           int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padHeight,
                           int padWidth, int dilationHeight, int dilationWidth) {

    public ConvGeometry {
        if (inChannels < 1 || outChannels < 1 || inHeight < 1 || inWidth < 1) {
            throw new LvaException("a convolution needs positive channels and input size, got " + inChannels + " x "
                    + inHeight + " x " + inWidth + " -> " + outChannels + " channels");
        }
        if (kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1 || padHeight < 0
                || padWidth < 0 || dilationHeight < 1 || dilationWidth < 1) {
            throw new LvaException("a convolution needs kernel, stride and dilation >= 1 and padding >= 0, got kernel "
                    + kernelHeight + "x" + kernelWidth + ", stride " + strideHeight + "x" + strideWidth + ", padding "
                    + padHeight + "x" + padWidth + ", dilation " + dilationHeight + "x" + dilationWidth);
        }
        if (outHeight != outSize(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight)
                || outWidth != outSize(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth)) {
            throw new LvaException("a " + inHeight + " x " + inWidth + " input gives a "
                    + outSize(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight) + " x "
                    + outSize(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth) + " output, not "
                    + outHeight + " x " + outWidth);
        }
        if ((long) inChannels * kernelHeight * kernelWidth > Integer.MAX_VALUE
                || (long) outChannels * outHeight * outWidth > Integer.MAX_VALUE
                || (long) inChannels * inHeight * inWidth > Integer.MAX_VALUE) {
            throw new LvaException("convolution too large: more than 2^31 entries per sample");
        }
    }

    /**
     * The convolution of an {@code inChannels x inHeight x inWidth} input; fails when the kernel,
     * dilated, does not fit in the padded input.
     */
    public static ConvGeometry of(int inChannels, int inHeight, int inWidth, int outChannels, int kernelHeight,
                                  int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth,
                                  int dilationHeight, int dilationWidth) {
        int oh = outSize(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight);
        int ow = outSize(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth);
        if (oh < 1 || ow < 1) {
            throw new LvaException("a kernel of " + kernelHeight + " x " + kernelWidth + " (dilation " + dilationHeight
                    + " x " + dilationWidth + ") does not fit in a " + inHeight + " x " + inWidth + " input padded by "
                    + padHeight + " x " + padWidth);
        }
        return new ConvGeometry(inChannels, inHeight, inWidth, outChannels, oh, ow, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth, dilationHeight, dilationWidth);
    }

    /** PyTorch's output size along one axis (may be < 1 when the kernel does not fit). */
    public static int outSize(int in, int kernel, int stride, int pad, int dilation) {
        long span = (long) in + 2L * pad - (long) dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : (int) (span / stride + 1);
    }

    /** Entries of one input plane. */
    public int inPlane() {
        return inHeight * inWidth;
    }

    /** Entries of one output plane. */
    public int outPlane() {
        return outHeight * outWidth;
    }

    /** Entries of one input sample. */
    public int inSize() {
        return inChannels * inPlane();
    }

    /** Entries of one output sample. */
    public int outSize() {
        return outChannels * outPlane();
    }

    /** Entries of one kernel window over all input channels: the weight's column count. */
    public int patch() {
        return inChannels * kernelHeight * kernelWidth;
    }

    /** Multiply-adds of one sample's convolution. */
    public long macsPerSample() {
        return (long) outSize() * patch();
    }

    @Override
    public String toString() {
        return inChannels + "x" + inHeight + "x" + inWidth + " -> " + outChannels + "x" + outHeight + "x" + outWidth
                + " (k" + kernelHeight + "x" + kernelWidth + " s" + strideHeight + "x" + strideWidth + " p" + padHeight
                + "x" + padWidth + " d" + dilationHeight + "x" + dilationWidth + ")";
    }
}
