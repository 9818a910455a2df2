package dev.lva.core.nn;

import dev.lva.api.LvaException;

/**
 * A convolution's kernel size, stride, zero padding and dilation per axis (height, width), as
 * PyTorch's {@code Conv2d} and {@code ConvTranspose2d} take them (groups = 1).
 */
public record ConvSpec(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padHeight,
                       int padWidth, int dilationHeight, int dilationWidth) {

    public ConvSpec {
        if (kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1 || padHeight < 0
                || padWidth < 0 || dilationHeight < 1 || dilationWidth < 1) {
            throw new LvaException("a convolution needs kernel, stride and dilation >= 1 and padding >= 0, got "
                    + text(kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                    dilationWidth));
        }
    }

    /** A square kernel with the same stride and padding on both axes, no dilation ({@code of(4, 2, 1)}: k4 s2 p1). */
    public static ConvSpec of(int kernel, int stride, int padding) {
        return new ConvSpec(kernel, kernel, stride, stride, padding, padding, 1, 1);
    }

    public static ConvSpec of(int kernel, int stride, int padding, int dilation) {
        return new ConvSpec(kernel, kernel, stride, stride, padding, padding, dilation, dilation);
    }

    /** Kernel entries per input channel. */
    public int kernelArea() {
        return kernelHeight * kernelWidth;
    }

    @Override
    public String toString() {
        return text(kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, dilationHeight,
                dilationWidth);
    }

    private static String text(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        String k = kh == kw ? "k" + kh : "k" + kh + "x" + kw;
        String s = sh == sw ? " s" + sh : " s" + sh + "x" + sw;
        String p = ph == pw ? " p" + ph : " p" + ph + "x" + pw;
        String d = dh == 1 && dw == 1 ? "" : dh == dw ? " d" + dh : " d" + dh + "x" + dw;
        return k + s + p + d;
    }
}
