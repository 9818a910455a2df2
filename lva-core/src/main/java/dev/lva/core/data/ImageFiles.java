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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Users' image files as a batch of images, {@code N x C x H x W}: an IDX file (MNIST, Fashion-MNIST;
 * gzipped or not), a {@code .npy} array of rank 3 ({@code N x H x W}, one channel) or 4, or a folder
 * of PNG and JPEG images ({@link ImageFolder}).
 *
 * <p>One rule for pixel values, whatever the format: integer pixels (uint8, int32 and int64 .npy
 * arrays, IDX unsigned bytes, 8-bit PNG and JPEG samples) are divided by 255 and must lie in 0..255
 * (16-bit PNG samples are divided by 65535); float pixels (float32, float64) are taken as stored and
 * must be finite. Integer pixels outside 0..255 are refused with the range found; float pixels far
 * outside [0, 1] (below -1 or above 2, as 0..255 stored as float) are a warning with the range found,
 * since a model trained on them learns nothing useful at [0, 1]'s learning rates.
 *
 * <p>A rank-4 array is {@code N x C x H x W} ({@link Layout#NCHW}) unless read as {@link Layout#NHWC};
 * when the layout is not given, an array that looks channels-last (last axis 1, 3 or 4, axis 1 not)
 * is refused with a hint rather than read as the wrong images.
 *
 * <p>The images can be padded with zeros or centre-cropped to a square side ({@link Options#padTo}),
 * as lva_conv.py puts Fashion-MNIST's 28 x 28 into 32 x 32, and cut to their first rows
 * ({@link Options#limit}); only those rows are read. The batch stays in float32 (or float64 when
 * asked), never in a wider copy: 60,000 images of 32 x 32 are 245 MB. Images stored as bytes (IDX, a
 * uint8 .npy) can instead be kept as those bytes ({@link #readBytes}, 61 MB for the same images) and
 * converted a batch at a time by {@link ImageBytes#pixels}, to the same values. Every allocation that follows
 * from the file and the options is sized first ({@link NativeMemory}), and refused with the bytes it
 * needs. A malformed file is an error naming the file, what is wrong and where.
 */
public final class ImageFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);
    /** Float pixels below this or above {@link #FLOAT_PIXEL_HIGH} are warned about (see the class comment). */
    static final double FLOAT_PIXEL_LOW = -1;
    static final double FLOAT_PIXEL_HIGH = 2;
    private ImageFiles() {
    }

    /** How a rank-4 array's axes are ordered. */
    public enum Layout {
        /** {@code N x C x H x W}, refusing an array that looks channels-last. */
        AUTO,
        /** {@code N x C x H x W}, as stored. */
        NCHW,
        /** {@code N x H x W x C} (numpy's and TensorFlow's usual order), transposed on reading. */
        NHWC;

        /** {@code auto}, {@code nchw} or {@code nhwc}, in any case. */
        public static Layout parse(String name) {
            for (Layout l : values()) {
                if (l.name().equalsIgnoreCase(name.strip())) {
                    return l;
                }
            }
            throw new IllegalArgumentException("layout must be nchw, nhwc or auto, got '" + name + "'");
        }
    }

    /**
     * @param padTo  the side of the square every image is padded (with zeros, centred) or centre-cropped
     *               to; 0 leaves them as stored
     * @param limit  the most images read, the first ones; 0 reads all
     * @param layout how a rank-4 array's axes are ordered
     */
    public record Options(int padTo, int limit, Layout layout) {
        public Options {
            if (padTo < 0) {
                throw new IllegalArgumentException("padTo must be >= 0 (0 = as stored), got " + padTo);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
            }
            layout = layout == null ? Layout.AUTO : layout;
        }

        /** Images in the layout they are stored in, refusing one that looks channels-last. */
        public Options(int padTo, int limit) {
            this(padTo, limit, Layout.AUTO);
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
        Kind kind = kind(path);
        if (kind == Kind.NONE) {
            throw notImages(path);
        }
        if (options.padTo() > 0 && kind != Kind.FOLDER) {
            // from the header alone: a --pad-to too large for memory is refused before the data is read
            long[] nchw = storedShape(path, kind, limit, options.layout());
            requireFrame(path, nchw[0], nchw[1], options.padTo(), type);
        }
        INDArray images = switch (kind) {
            case FOLDER -> ImageFolder.read(path, limit);
            case IDX -> idx(path, limit, options.layout());
            case NPY -> npy(path, limit, options.layout());
            case NONE -> throw notImages(path);
        };
        requireImages(path, images);
        if (images.dataType() == DataType.UBYTE) {
            // bytes (IDX, a uint8 .npy) go straight into the frame: no float copy of the images as stored beside it
            INDArray framed = new ImageBytes(images).toFloats(type, options.padTo());
            images.close();
            return new Dataset(framed);
        }
        // the type first: integer pixels are read as float64, and a frame of float32 is half the size
        if (images.dataType() != type) {
            NativeMemory.require(images.length(), type, path + ": a copy of " + dims(images.shape()) + " values",
                    "read fewer images (--limit)");
        }
        INDArray typed = closeReplaced(images, images.dataType() == type ? images : images.castTo(type));
        if (options.padTo() == 0) {
            return new Dataset(typed);
        }
        requireFrame(path, typed.size(0), typed.size(1), options.padTo(), type);
        return new Dataset(closeReplaced(typed, frame(typed, options.padTo())));
    }

    /**
     * Images stored as unsigned bytes (an IDX file, a uint8 .npy) read as those bytes, {@code N x C x H
     * x W} and padded or cropped to {@link Options#padTo} in bytes: a quarter of the float32 batch
     * {@link #read} makes, for a caller that converts them a batch at a time ({@link ImageBytes#pixels},
     * the same values). Null for images stored otherwise (float or wider integer .npy, a folder).
     */
    public static Dataset readBytes(Path path, Options options) {
        if (!Files.exists(path)) {
            throw new DataException(path + ": no such file or folder");
        }
        Kind kind = kind(path);
        boolean bytes = kind == Kind.IDX || (kind == Kind.NPY && npyHeader(path).dtype().substring(1).equals("u1"));
        if (!bytes) {
            return null;
        }
        int limit = options.limit() == 0 ? -1 : options.limit();
        INDArray raw = kind == Kind.IDX ? idx(path, limit, options.layout()) : npy(path, limit, options.layout());
        requireImages(path, raw);
        INDArray framed = new ImageBytes(raw).frame(options.padTo()).bytes();
        return new Dataset(closeReplaced(raw, framed));
    }

    /** {@code next}, closing {@code old} now, not when the collector gets to it: both are as large as the batch. */
    private static INDArray closeReplaced(INDArray old, INDArray next) {
        if (next != old && old.closeable()) {
            old.close();
        }
        return next;
    }

    /** The images {@code N x C x H x W} an IDX or .npy file will give, from its header; N cut to the limit. */
    private static long[] storedShape(Path file, Kind kind, int limit, Layout layout) {
        long[] shape = kind == Kind.IDX ? Idx.readHeader(file).shape() : npyHeader(file).shape();
        if (shape.length < 3) {
            return new long[] {0, 0};
        }
        long n = limit >= 0 ? Math.min(limit, shape[0]) : shape[0];
        long c = shape.length == 3 ? 1 : layout(file, shape, layout) == Layout.NHWC ? shape[3] : shape[1];
        return new long[] {n, c};
    }

    /** Refuses a --pad-to whose batch cannot be held, before it is made. */
    private static void requireFrame(Path file, long n, long c, int side, DataType type) {
        long elements = product(n, c, side, side);
        NativeMemory.require(elements, type, file + ": --pad-to " + side + " makes " + n + " images of " + c + " x "
                + side + " x " + side, "lower --pad-to (or read fewer images with --limit)");
    }

    /** The product, or Long.MAX_VALUE where it overflows: a size that large is refused either way. */
    static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }

    /**
     * The layout a rank-4 array is read in. Unless told, an array whose last axis could be channels
     * (1, 3 or 4) and whose second could not is refused: read as stored, a batch of 32 x 32 RGBA
     * images would train as 32 channels of 32 x 4.
     */
    static Layout layout(Path file, long[] shape, Layout asked) {
        if (shape.length != 4 || asked != Layout.AUTO) {
            return asked == Layout.NHWC && shape.length == 4 ? Layout.NHWC : Layout.NCHW;
        }
        if (isChannelCount(shape[3]) && !isChannelCount(shape[1])) {
            throw new DataException(file + ": shape " + dims(shape) + " looks channels-last (N x H x W x C, "
                    + shape[3] + " channel" + (shape[3] == 1 ? "" : "s") + "); read as N x C x H x W it would be "
                    + shape[1] + " channels of " + shape[2] + " x " + shape[3] + ": give --layout nhwc to read it as"
                    + " N x H x W x C, or --layout nchw to read it as stored");
        }
        return Layout.NCHW;
    }

    private static boolean isChannelCount(long d) {
        return d == 1 || d == 3 || d == 4;
    }

    /** The array {@code N x C x H x W}: a rank-3 batch gets one channel, a channels-last one is transposed. */
    private static INDArray toNchw(Path file, INDArray raw, Layout layout) {
        if (raw.rank() == 3) {
            return raw.reshape('c', raw.size(0), 1, raw.size(1), raw.size(2));
        }
        if (layout != Layout.NHWC) {
            return raw;
        }
        NativeMemory.require(raw.length(), raw.dataType(), file + ": the transposed copy of " + dims(raw.shape())
                + " values", "read fewer images (--limit)");
        INDArray nchw = raw.permute(0, 3, 1, 2).dup('c');
        if (raw.closeable()) {
            raw.close();
        }
        return nchw;
    }

    /**
     * What lva reads a .npy of each rank as, for a file of another rank: {@code x.npy: a .npy of rank
     * 5 (shape 2 x 3 x 4 x 5 x 6); lva reads rank 1 or 2 as a table, rank 3 or 4 as images}.
     */
    static String ranks(Path file, long[] shape) {
        return file + ": a .npy of rank " + shape.length + " (" + (shape.length == 0 ? "a scalar" : "shape "
                + dims(shape)) + "); lva reads rank 1 or 2 as a table (rows x columns), rank 3 or 4 as images"
                + " (N x H x W or N x C x H x W)";
    }

    private static DataException notImages(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return new DataException(ranks(path, npyHeader(path).shape()));
        }
        return new DataException(path + ": not an image file: images are an IDX file (as train-images-idx3-ubyte.gz),"
                + " a .npy of rank 3 or 4, or a folder of PNG or JPEG images");
    }

    private static INDArray idx(Path file, int limit, Layout layout) {
        Idx.Header h = Idx.readHeader(file);
        if (h.rank() < 3) {
            throw new DataException(file + ": holds " + (h.rank() == 1 ? h.shape()[0] + " labels (an IDX vector)"
                    : "a table of " + h.shape()[0] + " x " + h.shape()[1]) + ", not images; images are N x H x W"
                    + " (idx3, as train-images-idx3-ubyte.gz) or N x C x H x W");
        }
        Layout l = layout(file, h.shape(), layout);
        // unsigned bytes, 0..255 by their type: the rule for integer pixels needs no range check; kept as bytes
        // until they are converted into the frame (ImageBytes)
        return toNchw(file, requireImages(file, Idx.readBytes(file, limit)), l);
    }

    static Npy.Header npyHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Npy.readHeader(file.toString(), in, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static INDArray npy(Path file, int limit, Layout layout) {
        Npy.Header h = npyHeader(file);
        Layout l = layout(file, h.shape(), layout);
        long[] shape = h.shape();
        long n = limit >= 0 ? Math.min(limit, shape[0]) : shape[0];
        long[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        boolean bytes = h.dtype().substring(1).equals("u1");
        NativeMemory.require(product(n, product(sample)), bytes ? DataType.UBYTE : h.dataType(), file + ": " + n
                + " images of " + dims(sample) + " values", "read fewer images (--limit)");
        char kind = h.dtype().charAt(1);
        if (bytes) {
            // 0..255 by their type; kept as bytes until they are converted into the frame (ImageBytes)
            return toNchw(file, requireImages(file, Npy.readRowBytes(file, limit, 3, 4)), l);
        }
        INDArray images = toNchw(file, requireImages(file, Npy.readRows(file, limit, 3, 4)), l);
        if (kind == 'u' || kind == 'i') {
            requireByteRange(file, h.dtype(), images);
            return images.divi(255);
        }
        requireFinite(file, images);
        warnFarOutsideUnitRange(file, h.dtype(), images);
        return images;
    }

    /** Integer pixels are divided by 255: values outside 0..255 would not land in [0, 1]. */
    private static void requireByteRange(Path file, String dtype, INDArray images) {
        double min = images.minNumber().doubleValue();
        double max = images.maxNumber().doubleValue();
        if (min < 0 || max > 255) {
            throw new DataException(file + ": " + typeName(dtype) + " pixels range from " + (long) min + " to "
                    + (long) max + "; integer pixels are divided by 255 and must lie in 0..255 (store other values"
                    + " as float32, which is used as stored)");
        }
    }

    /** Float pixels are used as stored; far outside [0, 1] they are most likely 0..255 stored as float. */
    private static void warnFarOutsideUnitRange(Path file, String dtype, INDArray images) {
        warnFarOutsideUnitRange(file, dtype, images.minNumber().doubleValue(), images.maxNumber().doubleValue());
    }

    /** As above, for images whose smallest and largest values are {@code min} and {@code max} (read by rows). */
    static void warnFarOutsideUnitRange(Path file, String dtype, double min, double max) {
        if (min < FLOAT_PIXEL_LOW || max > FLOAT_PIXEL_HIGH) {
            LOG.warn("{}: {} pixels range from {} to {}, far outside [0, 1]; float pixels are used as stored"
                    + " (integer pixels are divided by 255): divide by 255 first if these are 0..255", file,
                    typeName(dtype), min, max);
        }
    }

    private static String typeName(String dtype) {
        return switch (dtype.substring(1)) {
            case "u1" -> "uint8";
            case "i4" -> "int32";
            case "i8" -> "int64";
            case "f4" -> "float32";
            case "f8" -> "float64";
            default -> dtype;
        };
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
                throw notFinite(file, img, ch, y, x, v);
            }
        }
    }

    /** The error for a pixel that is not finite, named by its image, channel, row and column. */
    static DataException notFinite(Path file, long image, long channel, long row, long column, double v) {
        return new DataException(file + ": image " + image + ", channel " + channel + ", pixel (row " + row
                + ", column " + column + ") is " + v + "; images must be finite");
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
        NativeMemory.require(product(n, c, side, side), images.dataType(), n + " images of " + c + " x " + side + " x "
                + side, "lower --pad-to (or read fewer images with --limit)");
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
