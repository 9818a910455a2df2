package dev.lva.core.synth;

import dev.lva.api.LvaException;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one image the synthetic set transforms: a built-in shape or a given array, held as
 * {@code C x H x W} values (0 is the background, which a transform brings in at the edges).
 *
 * <p>The built-in shapes fill about half the image, centred, edges antialiased (4 x 4 samples a
 * pixel) so that a small transform changes the pixels a little, not by whole steps. {@code ell}, the
 * default, looks different under every rotation, reflection and shear; a {@code disc} hides its
 * rotation, a {@code square} a quarter turn, which makes rotation a parameter no image shows. On
 * three channels a shape is orange (0.9, 0.45, 0.2), so that a hue or saturation change shows; on
 * one it is white (1).
 */
public final class SourceImage {
    /** The built-in shapes. */
    public static final List<String> SHAPES = List.of("ell", "square", "disc", "triangle");
    private static final double[] ORANGE = {0.9, 0.45, 0.2};
    private static final int SUPERSAMPLE = 4;

    private final int channels;
    private final int height;
    private final int width;
    /** C order: channel, row, column. */
    private final double[] values;

    private SourceImage(int channels, int height, int width, double[] values) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.values = values;
    }

    /** A given image: {@code H x W} (one channel) or {@code C x H x W}, C being 1 or 3. */
    public static SourceImage of(INDArray image) {
        long[] s = image.shape();
        if (!(image.rank() == 2 || (image.rank() == 3 && (s[0] == 1 || s[0] == 3)))) {
            throw new LvaException("a source image is H x W or C x H x W with 1 or 3 channels, got shape "
                    + Arrays.toString(s));
        }
        int c = image.rank() == 2 ? 1 : (int) s[0];
        int h = (int) s[image.rank() - 2];
        int w = (int) s[image.rank() - 1];
        if (h < 2 || w < 2) {
            throw new LvaException("a source image needs at least 2 x 2 pixels, got " + h + " x " + w);
        }
        double[] v = image.castTo(DataType.DOUBLE).dup('c').reshape(c * h * w).toDoubleVector();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new LvaException("a source image's values must be finite; value " + i + " is " + v[i]);
            }
        }
        return new SourceImage(c, h, w, v);
    }

    /** A PNG or JPEG file ({@link dev.lva.core.io.ImageFolder#readImage}): one channel if grey, else three. */
    public static SourceImage read(java.nio.file.Path file) {
        return of(dev.lva.core.io.ImageFolder.readImage(file));
    }

    /**
     * This image on {@code channels} (1 or 3): grey copied to three channels, colour to grey by its
     * luma ({@code 0.299 R + 0.587 G + 0.114 B}, ITU-R BT.601); itself when it has them already.
     */
    public SourceImage withChannels(int channels) {
        if (channels != 1 && channels != 3) {
            throw new LvaException("a source image has 1 or 3 channels, asked for " + channels);
        }
        if (channels == this.channels) {
            return this;
        }
        int plane = height * width;
        double[] v = new double[channels * plane];
        for (int i = 0; i < plane; i++) {
            if (channels == 3) {
                v[i] = values[i];
                v[plane + i] = values[i];
                v[2 * plane + i] = values[i];
            } else {
                v[i] = 0.299 * values[i] + 0.587 * values[plane + i] + 0.114 * values[2 * plane + i];
            }
        }
        return new SourceImage(channels, height, width, v);
    }

    /** A built-in shape ({@link #SHAPES}) on {@code size x size} pixels of {@code channels} (1 or 3). */
    public static SourceImage builtIn(String shape, int channels, int size) {
        if (!SHAPES.contains(shape)) {
            throw new LvaException("no built-in shape '" + shape + "'; they are " + String.join(", ", SHAPES));
        }
        if (channels != 1 && channels != 3) {
            throw new LvaException("a built-in shape has 1 or 3 channels, asked for " + channels);
        }
        if (size < 4) {
            throw new LvaException("a built-in shape needs at least 4 x 4 pixels, asked for " + size);
        }
        if ((long) channels * size * size > Integer.MAX_VALUE - 8) {
            throw new LvaException("a built-in shape of " + channels + " x " + size + " x " + size + " pixels is more"
                    + " than one array holds (2^31 values)");
        }
        double[] v = new double[channels * size * size];
        for (int r = 0; r < size; r++) {
            for (int col = 0; col < size; col++) {
                int inside = 0;
                for (int a = 0; a < SUPERSAMPLE; a++) {
                    for (int b = 0; b < SUPERSAMPLE; b++) {
                        // the sample's position with the image spanning [-1, 1] each way, rows downwards
                        double u = 2 * (col + (b + 0.5) / SUPERSAMPLE) / size - 1;
                        double y = 2 * (r + (a + 0.5) / SUPERSAMPLE) / size - 1;
                        inside += contains(shape, u, y) ? 1 : 0;
                    }
                }
                double coverage = (double) inside / (SUPERSAMPLE * SUPERSAMPLE);
                for (int c = 0; c < channels; c++) {
                    v[(c * size + r) * size + col] = coverage * (channels == 3 ? ORANGE[c] : 1);
                }
            }
        }
        return new SourceImage(channels, size, size, v);
    }

    private static boolean contains(String shape, double u, double v) {
        return switch (shape) {
            case "square" -> Math.abs(u) < 0.5 && Math.abs(v) < 0.5;
            case "disc" -> u * u + v * v < 0.25;
            // apex up, base at the bottom
            case "triangle" -> v > -0.5 && v < 0.5 && Math.abs(u) < (v + 0.5) / 2;
            // a tall bar on the left and a foot to the right
            default -> (u > -0.5 && u < -0.15 && v > -0.5 && v < 0.5) || (u > -0.5 && u < 0.5 && v > 0.15 && v < 0.5);
        };
    }

    public int channels() {
        return channels;
    }

    /** Whether every pixel is grey: one channel, or three equal ones (a hue or saturation change shows on none). */
    public boolean grey() {
        if (channels == 1) {
            return true;
        }
        int plane = height * width;
        for (int i = 0; i < plane; i++) {
            if (values[i] != values[plane + i] || values[i] != values[2 * plane + i]) {
                return false;
            }
        }
        return true;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The value of channel {@code c} at row {@code r}, column {@code col}; 0 outside the image. */
    double at(int c, int r, int col) {
        if (r < 0 || r >= height || col < 0 || col >= width) {
            return 0;
        }
        return values[(c * height + r) * width + col];
    }

    /** Bilinear interpolation at a continuous position in pixel units (pixel centres at whole numbers). */
    double sample(int c, double row, double col) {
        int r0 = (int) Math.floor(row);
        int c0 = (int) Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        return (1 - fr) * ((1 - fc) * at(c, r0, c0) + fc * at(c, r0, c0 + 1))
                + fr * ((1 - fc) * at(c, r0 + 1, c0) + fc * at(c, r0 + 1, c0 + 1));
    }

    /** The image as a {@code C x H x W} float32 array. */
    public INDArray toArray() {
        return org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape(channels, height, width)
                .castTo(DataType.FLOAT);
    }
}
