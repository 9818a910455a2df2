package dev.lva.core.io;

import dev.lva.core.data.DataException;
import dev.lva.core.data.NativeMemory;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A folder of PNG and JPEG images (javax.imageio) as one batch, {@code N x C x H x W} float32 in
 * [0, 1], in the order of the file names. Every image must have the size of the first; the first
 * that does not is named in the error. Grey images give one channel; if any image has colour, every
 * image is read as red, green, blue (a grey one then has three equal channels); a palette image
 * whose palette is all grey (1-bit black and white included) is grey. Transparency is
 * dropped. Samples are divided by their largest value (255 for 8 bits, 65535 for 16), so the
 * pixels are in [0, 1] whatever the bit depth. Other files (and hidden ones) are left alone.
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private ImageFolder() {
    }

    /** The image files of {@code dir}, sorted by name. */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> isImageName(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Reads the first {@code limit} images (all when {@code limit} is negative). */
    public static INDArray read(Path dir, int limit) {
        List<Path> files = files(dir);
        if (files.isEmpty()) {
            throw new DataException(dir + ": no PNG or JPEG images in this folder (files ending .png, .jpg or .jpeg)");
        }
        if (limit >= 0 && limit < files.size()) {
            files = files.subList(0, limit);
        }
        int n = files.size();
        // decode every image once, keeping only the pixels: the channel count is known at the end
        List<BufferedImage> images = new ArrayList<>(n);
        BufferedImage first = decode(files.get(0));
        int height = first.getHeight();
        int width = first.getWidth();
        boolean colour = false;
        for (int i = 0; i < n; i++) {
            BufferedImage img = i == 0 ? first : decode(files.get(i));
            if (img.getHeight() != height || img.getWidth() != width) {
                throw new DataException(files.get(i) + ": " + img.getHeight() + " x " + img.getWidth()
                        + " pixels (height x width), the images before it (from " + files.get(0).getFileName()
                        + ") are " + height + " x " + width + "; a folder's images must all have one size");
            }
            colour |= !isGrey(img.getColorModel());
            images.add(img);
        }
        int channels = colour ? 3 : 1;
        long elements = (long) n * channels * height * width;
        NativeMemory.require(elements, DataType.FLOAT, dir + ": " + n + " images of " + channels + " x " + height
                + " x " + width, "read fewer images (--limit)");
        int sample = channels * height * width;
        // straight into the array's native memory, one image at a time: no second copy of the batch on the heap
        INDArray out = Nd4j.create(DataType.FLOAT, n, channels, height, width);
        FloatPointer target = new FloatPointer(out.data().addressPointer());
        target.capacity((long) n * sample);
        FloatBuffer floats = target.asBuffer();
        float[] one = new float[sample];
        for (int i = 0; i < n; i++) {
            put(images.get(i), channels, one);
            images.set(i, null);
            floats.put(i * sample, one);
        }
        return out;
    }

    /**
     * One PNG or JPEG image as {@code C x H x W} float32 in [0, 1]: one channel when it holds only
     * grey, three (RGB) otherwise; as {@link #read} reads each image of a folder.
     */
    public static INDArray readImage(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file");
        }
        BufferedImage img = decode(file);
        int channels = isGrey(img.getColorModel()) ? 1 : 3;
        float[] one = new float[channels * img.getHeight() * img.getWidth()];
        put(img, channels, one);
        return Nd4j.createFromArray(one).reshape(channels, img.getHeight(), img.getWidth());
    }

    /** The last 12 bytes of every PNG file: the empty IEND chunk (length 0, type, CRC). */
    private static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

    /**
     * Refuses a PNG file that does not end with its IEND chunk: ImageIO decodes a file cut after its
     * pixel data, or one with bytes after its end, without a word, as the IDX and .npy readers must not.
     */
    private static void requirePngEnd(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            return;
        }
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(IEND.length);
            if (size >= IEND.length) {
                ch.position(size - IEND.length);
                while (tail.hasRemaining() && ch.read(tail) >= 0) {
                    // fills the 12 bytes
                }
            }
            if (size < IEND.length || !java.util.Arrays.equals(tail.array(), IEND)) {
                throw new DataException(file + ": does not end with a PNG's IEND chunk (" + size + " bytes): the file"
                        + " is cut short or has bytes after its end");
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static BufferedImage decode(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": not a readable image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new DataException(file + ": not a PNG or JPEG image (no image reader recognises its contents)");
        }
        requirePngEnd(file);
        if (img.getWidth() < 1 || img.getHeight() < 1) {
            throw new DataException(file + ": the image has no pixels");
        }
        return img;
    }

    /**
     * Whether a colour model holds only grey: one colour component, or a palette whose every entry has
     * red = green = blue. ImageIO gives 1-bit PNGs and grey palette PNGs an indexed (palette) model of
     * three components; counting those would read a black-and-white folder as RGB.
     */
    private static boolean isGrey(ColorModel cm) {
        if (cm instanceof IndexColorModel palette) {
            for (int i = 0; i < palette.getMapSize(); i++) {
                int red = palette.getRed(i);
                if (palette.getGreen(i) != red || palette.getBlue(i) != red) {
                    return false;
                }
            }
            return true;
        }
        return cm.getNumColorComponents() == 1;
    }

    /**
     * Writes one image's channels, in [0, 1], into {@code out}. Grey models read their one band; any
     * other (indexed, colour) goes through the colour model to RGB.
     */
    private static void put(BufferedImage img, int channels, float[] out) {
        int offset = 0;
        int h = img.getHeight();
        int w = img.getWidth();
        int plane = h * w;
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        if (cm instanceof IndexColorModel palette && isGrey(palette)) {
            // a grey palette (1-bit black and white included): the entry's grey level, in [0, 1]
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = palette.getRed(r.getSample(x, y, 0)) / 255f;
                    for (int c = 0; c < channels; c++) {
                        out[offset + c * plane + y * w + x] = v;
                    }
                }
            }
            return;
        }
        boolean grey = cm.getNumColorComponents() == 1 && r.getNumBands() >= 1 && !(cm instanceof IndexColorModel);
        if (grey) {
            double max = (1L << r.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (float) (r.getSample(x, y, 0) / max);
                    for (int c = 0; c < channels; c++) {
                        out[offset + c * plane + y * w + x] = v;
                    }
                }
            }
            return;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                float red = ((rgb >> 16) & 0xff) / 255f;
                float green = ((rgb >> 8) & 0xff) / 255f;
                float blue = (rgb & 0xff) / 255f;
                if (channels == 1) {
                    out[offset + y * w + x] = red;
                } else {
                    out[offset + y * w + x] = red;
                    out[offset + plane + y * w + x] = green;
                    out[offset + 2 * plane + y * w + x] = blue;
                }
            }
        }
    }
}
