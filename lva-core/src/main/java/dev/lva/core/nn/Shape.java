package dev.lva.core.nn;

import dev.lva.api.LvaException;
import java.util.Arrays;

/**
 * The shape of one sample as a layer sees it, batch first: {@code N x D} (features) or
 * {@code N x C x H x W} (images, NCHW as PyTorch). A batch travels between layers as a
 * {@link dev.lva.core.tensor.Matrix} of N rows whose columns hold each sample in this shape's
 * row-major order, so the shape says how to read a row, and changing a shape (Flatten, Unflatten)
 * moves no data. The batch size N is not part of the shape: it changes from step to step (a last
 * partial batch), the layout of a sample does not.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        if (dims.length == 0) {
            throw new LvaException("a sample shape needs at least one dimension");
        }
        long size = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new LvaException("sample dimensions must be positive, got " + text(dims));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new LvaException("a sample of shape " + text(dims) + " has more than 2^31 entries");
            }
        }
        this.dims = dims;
    }

    /** A sample of the given dimensions ({@code of(3)}: 3 features; {@code of(1, 28, 28)}: one 28 x 28 channel). */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** {@code D} features per sample. */
    public static Shape features(int d) {
        return new Shape(new int[] {d});
    }

    /** {@code C x H x W} per sample. */
    public static Shape image(int channels, int height, int width) {
        return new Shape(new int[] {channels, height, width});
    }

    /** The per-sample dimensions of an array whose first axis is the batch ({@code N x C x H x W} gives C x H x W). */
    public static Shape ofBatch(long[] batchShape) {
        if (batchShape.length < 2) {
            throw new LvaException("a batch needs a sample axis after the batch axis, got shape "
                    + Arrays.toString(batchShape));
        }
        int[] d = new int[batchShape.length - 1];
        for (int i = 0; i < d.length; i++) {
            if (batchShape[i + 1] > Integer.MAX_VALUE) {
                throw new LvaException("dimension " + batchShape[i + 1] + " of shape " + Arrays.toString(batchShape)
                        + " is too large");
            }
            d[i] = (int) batchShape[i + 1];
        }
        return new Shape(d);
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    /** The dimensions (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** Entries per sample: the batch matrix's column count. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Whether a sample is a plain feature vector ({@code N x D}). */
    public boolean isFlat() {
        return dims.length == 1;
    }

    /** Whether a sample is an image ({@code N x C x H x W}). */
    public boolean isImage() {
        return dims.length == 3;
    }

    public int channels() {
        requireImage("channels");
        return dims[0];
    }

    public int height() {
        requireImage("height");
        return dims[1];
    }

    public int width() {
        requireImage("width");
        return dims[2];
    }

    private void requireImage(String what) {
        if (!isImage()) {
            throw new LvaException("shape " + this + " has no " + what + " (not N x C x H x W)");
        }
    }

    /** The shape of a whole batch of {@code n} samples, batch first, as an array shape. */
    public long[] withBatch(long n) {
        long[] s = new long[dims.length + 1];
        s[0] = n;
        for (int i = 0; i < dims.length; i++) {
            s[i + 1] = dims[i];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Batch first, as the issue and the error messages write it: {@code N x 1 x 28 x 28}. */
    @Override
    public String toString() {
        return text(dims);
    }

    private static String text(int[] dims) {
        StringBuilder b = new StringBuilder("N");
        for (int d : dims) {
            b.append(" x ").append(d);
        }
        return b.toString();
    }
}
