package dev.lva.core.data;

import dev.lva.core.io.Idx;
import dev.lva.core.io.ImageFolder;
import dev.lva.core.io.Npy;
import dev.lva.core.tensor.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Users' image files as a batch of images, {@code N x C x H x W}: an IDX file (MNIST, Fashion-MNIST;
 * gzipped or not), a {@code .npy} array of rank 3 ({@code N x H x W}, one channel) or 4, or a folder
 * of PNG and JPEG images ({@link ImageFolder}). Unsigned bytes become [0, 1] (divided by 255); float
 * arrays are taken as stored and must be finite. The images can be padded with zeros or
 * centre-cropped to a square side ({@link Options#padTo}), as lva_conv.py puts Fashion-MNIST's
 * 28 x 28 into 32 x 32, and cut to their first rows ({@link Options#limit}). The batch stays in
 * float32 (or float64 when asked), never in a wider copy: 60,000 images of 32 x 32 are 245 MB.
 * A malformed file is an error naming the file, what is wrong and where.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * @param padTo the side of the square every image is padded (with zeros, centred) or centre-cropped
     *              to; 0 leaves them as stored
     * @param limit the most images read, the first ones; 0 reads all
     */
    public record Options(int padTo, int limit) {
        public Options {
            if (padTo < 0) {
                throw new IllegalArgumentException("padTo must be >= 0 (0 = as stored), got " + padTo);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
            }
        }

        public static Options asStored() {
            return new Options(0, 0);
        }
    }

    /** What kind of image source a path is, or {@code NONE} for a table (.csv, a .npy of rank 1 or 2). */
    public enum Kind {
        IDX, NPY, FOLDER, NONE
    }

    /**
     * Tells images from tables without reading the data: a folder, an IDX file (by its name, as
     * {@code train-images-idx3-ubyte.gz} or {@code .idx}, or by its first bytes), a .npy of rank 3 or 4.
     */
    public static Kind kind(Path path) {
        if (Files.isDirectory(path)) {
            return Kind.FOLDER;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Kind.NONE;
        }
        if (name.endsWith(".npy")) {
            int rank = npyHeader(path).shape().length;
            return rank == 3 || rank == 4 ? Kind.NPY : Kind.NONE;
        }
        if (name.matches(".*idx\\d-ubyte(\\.gz)?") || name.endsWith(".idx") || name.endsWith(".idx.gz")
                || name.endsWith("-ubyte") || (Files.isRegularFile(path) && Idx.looksLikeIdx(path))) {
            return Kind.IDX;
        }
        return Kind.NONE;
    }

    public static boolean isImages(Path path) {
        return kind(path) != Kind.NONE;
    }

    /** Reads images as float32. */
    public static Dataset read(Path path, Options options) {
        return read(path, options, DataType.FLOAT);
    }

    /** Reads images as {@code type} (FLOAT or DOUBLE), {@code N x C x H x W}. */
    public static Dataset read(Path path, Options options, DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("images are read as FLOAT or DOUBLE, not " + type);
        }
        if (!Files.exists(path)) {
            throw new DataException(path + ": no such file or folder");
        }
        int limit = options.limit() == 0 ? -1 : options.limit();
        INDArray images = switch (kind(path)) {
            case FOLDER -> ImageFolder.read(path, limit);
            case IDX -> idx(path, limit);
            case NPY -> npy(path, limit);
            case NONE -> throw notImages(path);
        };
        requireImages(path, images);
        INDArray framed = options.padTo() == 0 ? images : frame(images, options.padTo());
        if (framed != images && images.closeable()) {
            // now, not when the collector gets to it: the unframed batch is as large as the framed one
            images.close();
        }
        INDArray typed = framed.dataType() == type ? framed : framed.castTo(type);
        return new Dataset(typed);
    }

    private static DataException notImages(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            long[] shape = npyHeader(path).shape();
            return new DataException(path + ": a .npy of rank " + shape.length + " (shape " + dims(shape)
                    + "); images are N x H x W or N x C x H x W");
        }
        return new DataException(path + ": not an image file: images are an IDX file (as train-images-idx3-ubyte.gz),"
                + " a .npy of rank 3 or 4, or a folder of PNG or JPEG images");
    }

    private static INDArray idx(Path file, int limit) {
        Idx.Header h = Idx.readHeader(file);
        if (h.rank() < 3) {
            throw new DataException(file + ": holds " + (h.rank() == 1 ? h.shape()[0] + " labels (an IDX vector)"
                    : "a table of " + h.shape()[0] + " x " + h.shape()[1]) + ", not images; images are N x H x W"
                    + " (idx3, as train-images-idx3-ubyte.gz) or N x C x H x W");
        }
        INDArray raw = requireImages(file, Idx.read(file, limit)).divi(255f);
        return raw.rank() == 3 ? raw.reshape('c', raw.size(0), 1, raw.size(1), raw.size(2)) : raw;
    }

    private static Npy.Header npyHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Npy.readHeader(file.toString(), in, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static INDArray npy(Path file, int limit) {
        Npy.Header h = npyHeader(file);
        INDArray raw = requireImages(file, Npy.read(file, 3, 4));
        if (limit >= 0 && limit < raw.size(0)) {
            INDArrayIndex[] first = new INDArrayIndex[raw.rank()];
            first[0] = NDArrayIndex.interval(0, limit);
            for (int i = 1; i < first.length; i++) {
                first[i] = NDArrayIndex.all();
            }
            raw = raw.get(first).dup('c');
        }
        INDArray images = raw.rank() == 3 ? raw.reshape('c', raw.size(0), 1, raw.size(1), raw.size(2)) : raw;
        if (h.dtype().endsWith("u1")) {
            return images.divi(255f);
        }
        requireFinite(file, images);
        return images;
    }

    private static INDArray requireImages(Path file, INDArray raw) {
        if (raw.length() == 0) {
            throw new DataException(file + ": holds no images (shape " + dims(raw.shape()) + ")");
        }
        return raw;
    }

    /** Fails at the first value that is not finite, naming its image, channel and pixel. */
    private static void requireFinite(Path file, INDArray images) {
        long n = images.length();
        long c = images.size(1);
        long h = images.size(2);
        long w = images.size(3);
        // in place, one pass: the array is C-ordered as read, so a flat index walks images, channels, rows
        Matrix m = Matrix.copyOf(images, images.dataType());
        for (long i = 0; i < n; i++) {
            double v = m.get((int) i);
            if (!Double.isFinite(v)) {
                long x = i % w;
                long y = (i / w) % h;
                long ch = (i / (w * h)) % c;
                long img = i / (w * h * c);
                throw new DataException(file + ": image " + img + ", channel " + ch + ", pixel (row " + y + ", column "
                        + x + ") is " + v + "; images must be finite");
            }
        }
    }

    /**
     * The images padded with zeros (centred; an odd margin puts the extra row or column after) or
     * centre-cropped to {@code side x side}, each axis on its own, as {@code N x C x side x side}.
     */
    public static INDArray frame(INDArray images, int side) {
        long n = images.size(0);
        long c = images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        if (h == side && w == side) {
            return images;
        }
        INDArray out = Nd4j.create(images.dataType(), n, c, side, side);
        // source and target windows on each axis: a pad places the whole side at an offset, a crop takes the middle
        int ty = Math.max(0, (side - h) / 2);
        int sy = Math.max(0, (h - side) / 2);
        int tx = Math.max(0, (side - w) / 2);
        int sx = Math.max(0, (w - side) / 2);
        int rows = Math.min(h, side);
        int cols = Math.min(w, side);
        out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(ty, ty + rows),
                NDArrayIndex.interval(tx, tx + cols)).assign(images.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(sy, sy + rows), NDArrayIndex.interval(sx, sx + cols)));
        return out;
    }

    /** {@code 60000 x 1 x 28 x 28}. */
    static String dims(long[] shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) {
            b.append(b.length() == 0 ? "" : " x ").append(d);
        }
        return b.toString();
    }
}
