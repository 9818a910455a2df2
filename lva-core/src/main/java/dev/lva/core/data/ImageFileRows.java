package dev.lva.core.data;

import dev.lva.api.StoredRows;
import dev.lva.core.io.Idx;
import dev.lva.core.io.Npy;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The images of a .npy (uint8, or little-endian float32 or float64) or of an uncompressed IDX file read
 * from the file a row at a time ({@link StoredRows}), for image sets larger than memory: {@code N x H x W} or {@code N x C x H x W} (or {@code N x H x W x C}, transposed
 * per row), the first {@code --limit} of them, each placed in its {@code --pad-to} frame as it is read,
 * as {@link ImageBytes#frame} places a whole set. What a row reads is what the same file read into
 * memory by {@link ImageFiles#readBytes} holds in that row, byte for byte; a float row's values are
 * those {@link ImageFiles#read} gives (used as stored, zeros around a pad). Float images are checked
 * when opened, one pass over the file, as the reader in memory checks them: a value that is not finite
 * is refused naming its image, channel and pixel, and values far outside [0, 1] are warned of.
 *
 * <p>A row is found by arithmetic on {@code long} offsets ({@link #offset}): a file past 2 GB (2^31
 * bytes) is addressed as any other, without a map's 2 GB windows. The file is checked when opened
 * (header, dtype, C order, length) and its length and modification time again every
 * {@link #CHECK_EVERY} rows read: a file rewritten or truncated while a run reads it ends the run with
 * an error naming it, never with rows of two versions of it, nor (as a truncated map would) with SIGBUS.
 */
public final class ImageFileRows implements StoredRows, AutoCloseable {
    /** Rows read between two looks at the file's length and time (a look is a stat, a read is 1-50 kB). */
    static final int CHECK_EVERY = 256;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path file;
    private final FileChannel channel;
    private final Cleaner.Cleanable closer;
    private final long dataStart;
    private final long size;
    private final FileTime modified;
    private final int rows;
    private final int channels;
    private final int height;
    private final int width;
    private final boolean channelsLast;
    private final int side;
    private final int outHeight;
    private final int outWidth;
    private final ImageBytes.Window window;
    /** UBYTE, FLOAT or DOUBLE: how a value is stored (1, 4 or 8 bytes; floats little-endian). */
    private final DataType valueType;
    private final int valueBytes;
    private final byte[] stored;
    private final ByteBuffer storedBuffer;
    private final byte[] planar;
    /** A float row in its frame, as stored bytes, before it is decoded (null for bytes). */
    private final byte[] framed;
    private int sinceCheck;

    private ImageFileRows(Path file, FileChannel channel, long dataStart, long[] shape, DataType valueType, long size,
                          FileTime modified, ImageFiles.Options options) {
        this.file = file;
        this.channel = channel;
        this.closer = CLEANER.register(this, new Close(channel));
        this.dataStart = dataStart;
        this.size = size;
        this.modified = modified;
        this.valueType = valueType;
        this.valueBytes = valueType == DataType.UBYTE ? 1 : valueType == DataType.FLOAT ? 4 : 8;
        long n = options.limit() > 0 ? Math.min(options.limit(), shape[0]) : shape[0];
        if (n > Integer.MAX_VALUE) {
            throw new DataException(file + ": " + n + " images are more than lva counts (2^31 - 1); read fewer with --limit");
        }
        this.rows = (int) n;
        this.channelsLast = shape.length == 4 && ImageFiles.layout(file, shape, options.layout()) == ImageFiles.Layout.NHWC;
        this.channels = shape.length == 3 ? 1 : (int) (channelsLast ? shape[3] : shape[1]);
        this.height = (int) (shape.length == 3 ? shape[1] : channelsLast ? shape[1] : shape[2]);
        this.width = (int) (shape.length == 3 ? shape[2] : channelsLast ? shape[2] : shape[3]);
        this.side = options.padTo();
        this.outHeight = side == 0 ? height : side;
        this.outWidth = side == 0 ? width : side;
        long storedBytes = (long) channels * height * width * valueBytes;
        long outBytes = (long) channels * outHeight * outWidth * valueBytes;
        if (storedBytes > Integer.MAX_VALUE / 2 || outBytes > Integer.MAX_VALUE / 2) {
            throw new DataException(file + ": one image of " + channels + " x " + height + " x " + width
                    + (side == 0 ? "" : " framed to " + side + " x " + side) + " is too large for one row");
        }
        this.window = new ImageBytes.Window(height, width, outHeight, outWidth);
        this.stored = new byte[(int) storedBytes];
        this.storedBuffer = ByteBuffer.wrap(stored);
        this.planar = channelsLast ? new byte[(int) storedBytes] : null;
        this.framed = valueBytes == 1 ? null : new byte[(int) outBytes];
    }

    /**
     * Opens {@code file}, a .npy of unsigned bytes of rank 3 or 4 in C order or an uncompressed IDX file
     * of unsigned bytes of rank 3 or 4, for reading rows as {@code options} say. Anything else (a gzipped
     * IDX file, which cannot be read by position, floats, Fortran order) is refused with an error naming
     * the file and what it holds.
     */
    public static ImageFileRows open(Path file, ImageFiles.Options options) {
        if (ImageFiles.kind(file) == ImageFiles.Kind.IDX) {
            return openIdx(file, options);
        }
        Npy.Header h = ImageFiles.npyHeader(file);
        int rank = h.shape().length;
        if (rank != 3 && rank != 4) {
            throw new DataException(ImageFiles.ranks(file, h.shape()));
        }
        DataType type = valueType(h);
        if (type == null) {
            boolean bigEndian = h.dtype().charAt(0) == '>' && !isBytes(h);
            throw new DataException(file + ": holds " + Npy.typeName(h.dtype()) + " (dtype '" + h.dtype() + "')"
                    + (bigEndian ? ", big-endian" : "") + ": only a .npy of uint8, or of little-endian float32 or"
                    + " float64 ('<f4', '<f8'), is read from the file a batch at a time"
                    + (bigEndian ? " (numpy's astype('<" + h.dtype().substring(1) + "') writes one)" : ""));
        }
        if (h.fortranOrder()) {
            throw new DataException(file + ": stored in Fortran order (fortran_order: True), where an image's bytes lie"
                    + " apart: only a C-ordered .npy is read from the file a batch at a time (numpy.ascontiguousarray"
                    + " writes one)");
        }
        ImageFileRows rows = open(file, h.headerBytes(), h.shape(), type, h.dataBytes(), options);
        if (type != DataType.UBYTE) {
            try {
                rows.checkValues(h.dtype());
            } catch (RuntimeException e) {
                rows.close();
                throw e;
            }
        }
        return rows;
    }

    /** An IDX file's images: unsigned bytes after a header of 4 + 4 * rank bytes (Idx checks type and length). */
    private static ImageFileRows openIdx(Path file, ImageFiles.Options options) {
        if (Idx.isGzip(file)) {
            throw new DataException(file + ": gzip-compressed, and a compressed file cannot be read by position: only"
                    + " an uncompressed IDX file (gunzip -k " + file.getFileName() + ") is read from the file a batch at"
                    + " a time");
        }
        Idx.Header h = Idx.readHeader(file);
        if (h.rank() != 3 && h.rank() != 4) {
            throw new DataException(file + ": an IDX array of rank " + h.rank() + " (shape " + Npy.shapeString(h.shape())
                    + "), not images: images are N x H x W (idx3) or N x C x H x W (idx4)");
        }
        return open(file, h.headerBytes(), h.shape(), DataType.UBYTE, ImageFiles.product(h.shape()), options);
    }

    private static ImageFileRows open(Path file, long dataStart, long[] shape, DataType type, long dataBytes,
                                      ImageFiles.Options options) {
        if (shape[0] == 0) {
            throw new DataException(file + ": holds no images (shape " + Npy.shapeString(shape) + ")");
        }
        for (long d : shape) {
            if (d <= 0) {
                throw new DataException(file + ": an image of shape " + Npy.shapeString(shape) + " has no pixels");
            }
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                long size = channel.size();
                if (size != dataStart + dataBytes) {
                    throw new DataException(file + ": the file has " + size + " bytes, its header declares "
                            + (dataStart + dataBytes) + " (" + Npy.shapeString(shape) + " unsigned bytes after a "
                            + dataStart + "-byte header): truncated, or changed while it was opened");
                }
                return new ImageFileRows(file, channel, dataStart, shape, type, size, Files.getLastModifiedTime(file),
                        options);
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Whether a .npy's header says unsigned bytes ({@code |u1}; one byte has no byte order). */
    static boolean isBytes(Npy.Header h) {
        return h.dtype().substring(1).equals("u1");
    }

    /** UBYTE, FLOAT or DOUBLE for a .npy this reads by rows ({@code |u1}, {@code <f4}, {@code <f8}); else null. */
    private static DataType valueType(Npy.Header h) {
        if (isBytes(h)) {
            return DataType.UBYTE;
        }
        return switch (h.dtype()) {
            case "<f4" -> DataType.FLOAT;
            case "<f8" -> DataType.DOUBLE;
            default -> null;
        };
    }

    /**
     * Whether {@code file} is one this class reads, from its header: a uint8 .npy of rank 3 or 4 in C
     * order, or an uncompressed IDX file of rank 3 or 4.
     */
    public static boolean canRead(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        ImageFiles.Kind kind = ImageFiles.kind(file);
        if (kind == ImageFiles.Kind.IDX) {
            if (Idx.isGzip(file)) {
                return false;
            }
            int rank = Idx.readHeader(file).rank();
            return rank == 3 || rank == 4;
        }
        if (kind != ImageFiles.Kind.NPY) {
            return false;
        }
        Npy.Header h = ImageFiles.npyHeader(file);
        return valueType(h) != null && !h.fortranOrder() && (h.shape().length == 3 || h.shape().length == 4);
    }

    /**
     * The bytes {@code options} make of {@code file}'s images in memory (framed, a value as stored: a byte,
     * or float32's or float64's), from its header alone.
     */
    public static long framedBytes(Path file, ImageFiles.Options options) {
        boolean idx = ImageFiles.kind(file) == ImageFiles.Kind.IDX;
        long[] s = idx ? Idx.readHeader(file).shape() : ImageFiles.npyHeader(file).shape();
        return ImageFiles.product(framedValues(s, options), idx ? 1 : ImageFiles.npyHeader(file).itemSize());
    }

    private static long framedValues(long[] s, ImageFiles.Options options) {
        long n = options.limit() > 0 ? Math.min(options.limit(), s[0]) : s[0];
        if (options.padTo() == 0) {
            return ImageFiles.product(n, ImageFiles.product(s) / Math.max(1, s[0]));
        }
        boolean last = s.length == 4 && options.layout() == ImageFiles.Layout.NHWC;
        long c = s.length == 3 ? 1 : last ? s[3] : s[1];
        return ImageFiles.product(n, c, options.padTo(), options.padTo());
    }

    /** Where row {@code row} starts in a file whose data starts at {@code start}: long arithmetic, any size. */
    static long offset(long start, long row, long rowBytes) {
        return Math.addExact(start, Math.multiplyExact(row, rowBytes));
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return channels * outHeight * outWidth;
    }

    @Override
    public DataType valueType() {
        return valueType;
    }

    @Override
    public long[] sampleShape() {
        return new long[] {channels, outHeight, outWidth};
    }

    @Override
    public String source() {
        return file.toString();
    }

    public Path file() {
        return file;
    }

    /** {@code N x C x H x W} of the rows this reads, framed. */
    public long[] shape() {
        return new long[] {rows, channels, outHeight, outWidth};
    }

    @Override
    public synchronized void read(int row, byte[] into) {
        if (valueType != DataType.UBYTE) {
            throw new IllegalStateException(file + " holds " + valueType + " values: read them with readValues");
        }
        if (into.length < cols()) {
            throw new IllegalArgumentException("a row of " + file + " is " + cols() + " bytes, the buffer " + into.length);
        }
        place(planes(row), into);
    }

    @Override
    public synchronized void readValues(int row, double[] into) {
        if (valueType == DataType.UBYTE) {
            throw new IllegalStateException(file + " holds bytes: read them with read(int, byte[])");
        }
        if (into.length < cols()) {
            throw new IllegalArgumentException("a row of " + file + " is " + cols() + " values, the buffer " + into.length);
        }
        place(planes(row), framed);
        decode(framed, into, cols());
    }

    /** Row {@code row} as stored, its channels first ({@code C x H x W}): checked, read, transposed if need be. */
    private byte[] planes(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows + " in " + file);
        }
        if (++sinceCheck >= CHECK_EVERY) {
            sinceCheck = 0;
            requireUnchanged();
        }
        readStored(row);
        if (!channelsLast) {
            return stored;
        }
        // H x W x C as stored, C x H x W as the model reads it
        int hw = height * width;
        if (valueBytes == 1) {
            for (int p = 0; p < hw; p++) {
                for (int c = 0; c < channels; c++) {
                    planar[c * hw + p] = stored[p * channels + c];
                }
            }
        } else {
            for (int p = 0; p < hw; p++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(stored, (p * channels + c) * valueBytes, planar, (c * hw + p) * valueBytes, valueBytes);
                }
            }
        }
        return planar;
    }

    /** The first {@code n} little-endian float32 or float64 values of {@code bytes}. */
    private void decode(byte[] bytes, double[] into, int n) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (valueType == DataType.FLOAT) {
            for (int i = 0; i < n; i++) {
                into[i] = b.getFloat(i * 4);
            }
        } else {
            for (int i = 0; i < n; i++) {
                into[i] = b.getDouble(i * 8);
            }
        }
    }

    /**
     * One pass over the float images as stored (before a crop, as the reader in memory checks them):
     * the first value that is not finite is refused, naming its image, channel and pixel; values far
     * outside [0, 1] are warned of once.
     */
    private void checkValues(String dtype) {
        int n = channels * height * width;
        double[] values = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            decode(planes(r), values, n);
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    throw ImageFiles.notFinite(file, r, i / (height * width), (i / width) % height, i % width, v);
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        ImageFiles.warnFarOutsideUnitRange(file, dtype, min, max);
    }

    /** The row's stored bytes, read whole from its offset; a file shorter than when opened is an error. */
    private void readStored(int row) {
        long at = offset(dataStart, row, stored.length);
        storedBuffer.clear();
        try {
            while (storedBuffer.hasRemaining()) {
                int got = channel.read(storedBuffer, at + storedBuffer.position());
                if (got < 0) {
                    throw changed("image " + row + " ends at byte " + (at + stored.length) + " but the file now has "
                            + channel.size());
                }
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read image " + row + ": " + e.getMessage(), e);
        }
    }

    /**
     * The planes in their frame: zero margins around a pad, the centre of a crop ({@link ImageBytes#frame}'s
     * rule), {@code valueBytes} bytes a value (zero bytes are 0.0 in float32 and float64 too).
     */
    private void place(byte[] planes, byte[] into) {
        int e = valueBytes;
        if (outHeight == height && outWidth == width) {
            System.arraycopy(planes, 0, into, 0, planes.length);
            return;
        }
        int plane = outHeight * outWidth;
        java.util.Arrays.fill(into, 0, channels * plane * e, (byte) 0);
        for (int c = 0; c < channels; c++) {
            int src = c * height * width;
            int dst = c * plane;
            for (int y = 0; y < window.rows; y++) {
                System.arraycopy(planes, (src + (window.sy + y) * width + window.sx) * e, into,
                        (dst + (window.ty + y) * outWidth + window.tx) * e, window.cols * e);
            }
        }
    }

    /** Fails when the file's length or modification time is not what it was when opened. */
    public void requireUnchanged() {
        try {
            long now = channel.size();
            if (now != size) {
                throw changed("it had " + size + " bytes, it has " + now);
            }
            FileTime t = Files.getLastModifiedTime(file);
            if (!t.equals(modified)) {
                throw changed("it was modified at " + t + " (opened at " + modified + ")");
            }
        } catch (NoSuchFileException e) {
            // removed (or renamed) while open: the open file is still the one read, unchanged
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private DataException changed(String how) {
        return new DataException(file + ": changed while lva was reading it (" + how + "); its images are read from the"
                + " file a batch at a time, so it must stay as it is until the run ends");
    }

    /** Rows {@code [from, to)} as a new {@code n x C x H x W} array of their bytes. */
    public INDArray bytes(int from, int to) {
        return bytes(java.util.stream.IntStream.range(from, to).toArray());
    }

    /**
     * The given rows, in that order, as a new {@code n x C x H x W} array: of their bytes (UBYTE) for
     * images stored as bytes, else of their values as {@code type} (FLOAT or DOUBLE), as the reader in
     * memory gives them.
     */
    public INDArray rows(int[] picked, DataType type) {
        if (valueType == DataType.UBYTE) {
            return bytes(picked);
        }
        NativeMemory.require(ImageFiles.product(picked.length, cols()), type, file + ": " + picked.length
                + " images of " + channels + " x " + outHeight + " x " + outWidth, "");
        INDArray out = Nd4j.create(type, picked.length, channels, outHeight, outWidth);
        if (picked.length == 0) {
            return out;
        }
        double[] row = new double[cols()];
        dev.lva.core.tensor.Matrix m = dev.lva.core.tensor.Matrix.wrap(out.reshape('c', picked.length, cols()));
        for (int i = 0; i < picked.length; i++) {
            readValues(picked[i], row);
            for (int j = 0; j < row.length; j++) {
                m.set(i, j, row[j]);
            }
        }
        return out;
    }

    /** The given rows, in that order, as a new {@code n x C x H x W} array of their bytes. */
    public INDArray bytes(int[] picked) {
        if (valueType != DataType.UBYTE) {
            throw new IllegalStateException(file + " holds " + valueType + " values: rows(picked, type)");
        }
        int cols = cols();
        NativeMemory.require(ImageFiles.product(picked.length, cols), DataType.UBYTE, file + ": " + picked.length
                + " images of " + channels + " x " + outHeight + " x " + outWidth, "");
        INDArray out = Nd4j.create(DataType.UBYTE, picked.length, channels, outHeight, outWidth);
        if (picked.length == 0) {
            return out;
        }
        ByteBuffer to = new BytePointer(out.data().addressPointer()).capacity(out.length()).asBuffer();
        byte[] row = new byte[cols];
        for (int i = 0; i < picked.length; i++) {
            read(picked[i], row);
            to.put((int) ((long) i * cols), row, 0, cols);
        }
        return out;
    }

    @Override
    public void close() {
        closer.clean();
    }

    /** Closes the channel when the rows are closed or unreachable (a run's data is dropped, not closed). */
    private record Close(FileChannel channel) implements Runnable {
        @Override
        public void run() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written: a failed close loses nothing
            }
        }
    }
}
