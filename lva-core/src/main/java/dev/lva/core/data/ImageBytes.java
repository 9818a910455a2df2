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

    public INDArray bytes() {
        return bytes;
    }

    public long[] shape() {
        return bytes.shape();
    }

    /**
     * Every image as {@code type} (FLOAT or DOUBLE) pixel values, in a frame of {@code side x side}
     * (0: as stored): padded with zeros around the centre (an odd margin puts the extra row or
     * column after) or centre-cropped, each axis on its own.
     */
    public INDArray toFloats(DataType type, int side) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("pixels are FLOAT or DOUBLE, not " + type);
        }
        int outH = side == 0 ? height : side;
        int outW = side == 0 ? width : side;
        long elements = ImageFiles.product(n, channels, outH, outW);
        NativeMemory.require(elements, type, n + " images of " + channels + " x " + outH + " x " + outW,
                "lower --pad-to (or read fewer images with --limit)");
        INDArray out = Nd4j.create(type, n, channels, outH, outW);
        if (elements == 0) {
            return out;
        }
        ByteBuffer in = new BytePointer(bytes.data().addressPointer()).capacity(bytes.length()).asBuffer();
        FloatBuffer floats = null;
        DoubleBuffer doubles = null;
        if (type == DataType.FLOAT) {
            floats = new FloatPointer(out.data().addressPointer()).capacity(elements).asBuffer();
        } else {
            doubles = new DoublePointer(out.data().addressPointer()).capacity(elements).asBuffer();
        }
        // source and target windows on each axis: a pad places the whole side at an offset, a crop takes the middle
        int ty = Math.max(0, (outH - height) / 2);
        int sy = Math.max(0, (height - outH) / 2);
        int tx = Math.max(0, (outW - width) / 2);
        int sx = Math.max(0, (width - outW) / 2);
        int rows = Math.min(height, outH);
        int cols = Math.min(width, outW);
        for (long plane = 0; plane < (long) n * channels; plane++) {
            long src = plane * height * width;
            long dst = plane * outH * outW;
            for (int y = 0; y < rows; y++) {
                int from = (int) (src + (long) (sy + y) * width + sx);
                int to = (int) (dst + (long) (ty + y) * outW + tx);
                for (int x = 0; x < cols; x++) {
                    float v = pixel(in.get(from + x));
                    if (floats != null) {
                        floats.put(to + x, v);
                    } else {
                        doubles.put(to + x, v);
                    }
                }
            }
        }
        return out;
    }
}
