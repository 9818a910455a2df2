package dev.lva.core.data;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images held as the unsigned bytes they are stored in ({@code N x C x H x W}, a {@link DataType#UBYTE}
 * array), a quarter of their float32 size, and the one rule that turns a byte into a pixel value:
 * divided by 255 in float32 ({@link #pixel}), the value the readers have always produced (a float32
 * array of 0..255 divided by 255). A float64 run gets that float32 value widened, as it got when the
 * float32 array was cast.
 *
 * <p>{@link #toFloats} converts every image into a frame of {@code side x side} (padded with zeros,
 * centred, or centre-cropped, as {@link ImageFiles#frame} places them) in one pass, so that reading
 * an IDX file of 60,000 images of 28 x 28 to 32 x 32 holds the bytes (47 MB) and the frame (245 MB),
 * not a float32 copy of the images as stored besides the frame.
 */
public final class ImageBytes {
    private final INDArray bytes;
    private final int n;
    private final int channels;
    private final int height;
    private final int width;

    /** @param bytes {@code N x C x H x W} unsigned bytes, C-ordered and whole (not a view) */
    public ImageBytes(INDArray bytes) {
        if (bytes.dataType() != DataType.UBYTE || bytes.rank() != 4) {
            throw new IllegalArgumentException("image bytes are an N x C x H x W array of unsigned bytes, got "
                    + bytes.dataType() + " of shape " + Arrays.toString(bytes.shape()));
        }
        if (bytes.offset() != 0 || !dev.lva.core.tensor.Matrix.isContiguous(bytes)
                || bytes.length() != bytes.data().length()) {
            throw new IllegalArgumentException("image bytes must be a whole C-ordered array, not a view");
        }
        if (bytes.length() > NativeMemory.MAX_ELEMENTS) {
            throw new IllegalArgumentException("image bytes of shape " + Arrays.toString(bytes.shape())
                    + " have more values than one array holds");
        }
        this.bytes = bytes;
        this.n = (int) bytes.size(0);
        this.channels = (int) bytes.size(1);
        this.height = (int) bytes.size(2);
        this.width = (int) bytes.size(3);
    }

    /** The value of a stored byte: 0..255 divided by 255 in float32. */
    public static float pixel(byte stored) {
        return (stored & 0xff) / 255f;
    }

    /** Whether {@code a} holds image bytes (UBYTE), which {@link #pixels} converts by the rule. */
    public static boolean isBytes(INDArray a) {
        return a.dataType() == DataType.UBYTE;
    }

    /**
     * The values of {@code a} as {@code type}: image bytes (any rank, view or not) converted by the
     * pixel rule into a new array of the same shape, C-ordered; any other array cast as ND4J casts
     * ({@code a} itself when it is already {@code type}). What every reader of a batch of the data
     * calls, so that a batch of bytes never reaches a model as 0..255.
     */
    public static INDArray pixels(INDArray a, DataType type) {
        if (!isBytes(a)) {
            return a.castTo(type);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("pixels are FLOAT or DOUBLE, not " + type);
        }
        INDArray src = a.offset() == 0 && dev.lva.core.tensor.Matrix.isContiguous(a) ? a : a.dup('c');
        long n = src.length();
        INDArray out = Nd4j.create(type, a.shape());
        if (n > 0) {
            ByteBuffer in = new BytePointer(src.data().addressPointer()).capacity(n).asBuffer();
            if (type == DataType.FLOAT) {
                FloatBuffer f = new FloatPointer(out.data().addressPointer()).capacity(n).asBuffer();
                for (int i = 0; i < n; i++) {
                    f.put(i, pixel(in.get(i)));
                }
            } else {
                DoubleBuffer d = new DoublePointer(out.data().addressPointer()).capacity(n).asBuffer();
                for (int i = 0; i < n; i++) {
                    d.put(i, pixel(in.get(i)));
                }
            }
        }
        if (src != a && src.closeable()) {
            src.close();
        }
        return out;
    }

    /**
     * These images in a frame of {@code side x side} bytes (0: as stored, this array itself), placed
     * as {@link #toFloats} places them: padded with zero bytes (pixel value 0) or centre-cropped.
     */
    public ImageBytes frame(int side) {
        if (side == 0 || (side == height && side == width)) {
            return this;
        }
        long elements = ImageFiles.product(n, channels, side, side);
        NativeMemory.require(elements, DataType.UBYTE, n + " images of " + channels + " x " + side + " x " + side,
                "lower --pad-to (or read fewer images with --limit)");
        INDArray out = Nd4j.create(DataType.UBYTE, n, channels, side, side);
        ByteBuffer in = new BytePointer(bytes.data().addressPointer()).capacity(bytes.length()).asBuffer();
        ByteBuffer to = new BytePointer(out.data().addressPointer()).capacity(elements).asBuffer();
        Window w = new Window(height, width, side, side);
        for (long plane = 0; plane < (long) n * channels; plane++) {
            long src = plane * height * width;
            long dst = plane * side * side;
            for (int y = 0; y < w.rows; y++) {
                int from = (int) (src + (long) (w.sy + y) * width + w.sx);
                int at = (int) (dst + (long) (w.ty + y) * side + w.tx);
                to.put(at, in, from, w.cols);
            }
        }
        return new ImageBytes(out);
    }

    /** Where a frame takes its window from the image and puts it: a pad offsets the target, a crop the source. */
    static final class Window {
        final int ty;
        final int sy;
        final int tx;
        final int sx;
        final int rows;
        final int cols;

        Window(int height, int width, int outH, int outW) {
            ty = Math.max(0, (outH - height) / 2);
            sy = Math.max(0, (height - outH) / 2);
            tx = Math.max(0, (outW - width) / 2);
            sx = Math.max(0, (width - outW) / 2);
            rows = Math.min(height, outH);
            cols = Math.min(width, outW);
        }
    }

    public INDArray bytes() {
        return bytes;
    }

    public long[] shape() {
        return bytes.shape();
    }

    /**
     * Every image as {@code type} (FLOAT or DOUBLE) pixel values, in a frame of {@code side x side}
     * (0: as stored): padded with zeros around the centre (an odd margin puts the extra row or
     * column after) or centre-cropped, each axis on its own. The frame is placed in bytes first (a
     * quarter of the float frame, freed at once), then converted by the pixel rule, so both paths
     * place and convert the images one way.
     */
    public INDArray toFloats(DataType type, int side) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("pixels are FLOAT or DOUBLE, not " + type);
        }
        int outH = side == 0 ? height : side;
        int outW = side == 0 ? width : side;
        NativeMemory.require(ImageFiles.product(n, channels, outH, outW), type, n + " images of " + channels + " x "
                + outH + " x " + outW, "lower --pad-to (or read fewer images with --limit)");
        ImageBytes framed = frame(side);
        INDArray out = pixels(framed.bytes, type);
        if (framed != this) {
            framed.bytes.close();
        }
        return out;
    }
}
