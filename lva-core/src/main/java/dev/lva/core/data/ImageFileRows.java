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
 * The images of a uint8 .npy or of an uncompressed IDX file read from the file a row at a time
 * ({@link StoredRows}), for image sets larger than memory: {@code N x H x W} or {@code N x C x H x W} (or {@code N x H x W x C}, transposed
 * per row), the first {@code --limit} of them, each placed in its {@code --pad-to} frame as it is read,
 * as {@link ImageBytes#frame} places a whole set. What a row reads is what the same file read into
 * memory by {@link ImageFiles#readBytes} holds in that row, byte for byte.
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
    private final byte[] stored;
    private final ByteBuffer storedBuffer;
    private final byte[] planar;
    private int sinceCheck;

    private ImageFileRows(Path file, FileChannel channel, long dataStart, long[] shape, long size, FileTime modified,
                          ImageFiles.Options options) {
        this.file = file;
        this.channel = channel;
        this.closer = CLEANER.register(this, new Close(channel));
        this.dataStart = dataStart;
        this.size = size;
        this.modified = modified;
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
        long storedBytes = (long) channels * height * width;
        long outBytes = (long) channels * outHeight * outWidth;
        if (storedBytes > Integer.MAX_VALUE / 2 || outBytes > Integer.MAX_VALUE / 2) {
            throw new DataException(file + ": one image of " + channels + " x " + height + " x " + width
                    + (side == 0 ? "" : " framed to " + side + " x " + side) + " is too large for one row");
        }
        this.window = new ImageBytes.Window(height, width, outHeight, outWidth);
        this.stored = new byte[(int) storedBytes];
        this.storedBuffer = ByteBuffer.wrap(stored);
        this.planar = channelsLast ? new byte[(int) storedBytes] : null;
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
        if (!isBytes(h)) {
            throw new DataException(file + ": holds " + Npy.typeName(h.dtype()) + " (dtype '" + h.dtype() + "'), not"
                    + " unsigned bytes (uint8): only a uint8 .npy is read from the file a batch at a time");
        }
        if (h.fortranOrder()) {
            throw new DataException(file + ": stored in Fortran order (fortran_order: True), where an image's bytes lie"
                    + " apart: only a C-ordered .npy is read from the file a batch at a time (numpy.ascontiguousarray"
                    + " writes one)");
        }
        return open(file, h.headerBytes(), h.shape(), h.dataBytes(), options);
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
        return open(file, h.headerBytes(), h.shape(), ImageFiles.product(h.shape()), options);
    }

    private static ImageFileRows open(Path file, long dataStart, long[] shape, long dataBytes, ImageFiles.Options options) {
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
                return new ImageFileRows(file, channel, dataStart, shape, size, Files.getLastModifiedTime(file), options);
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
        return isBytes(h) && !h.fortranOrder() && (h.shape().length == 3 || h.shape().length == 4);
    }

    /** The bytes {@code options} make of {@code file}'s images in memory (framed), from its header alone. */
    public static long framedBytes(Path file, ImageFiles.Options options) {
        long[] s = ImageFiles.kind(file) == ImageFiles.Kind.IDX ? Idx.readHeader(file).shape()
                : ImageFiles.npyHeader(file).shape();
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
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows + " in " + file);
        }
        if (into.length < cols()) {
            throw new IllegalArgumentException("a row of " + file + " is " + cols() + " bytes, the buffer " + into.length);
        }
        if (++sinceCheck >= CHECK_EVERY) {
            sinceCheck = 0;
            requireUnchanged();
        }
        readStored(row);
        byte[] planes = stored;
        if (channelsLast) {
            // H x W x C as stored, C x H x W as the model reads it
            int hw = height * width;
            for (int p = 0; p < hw; p++) {
                for (int c = 0; c < channels; c++) {
                    planar[c * hw + p] = stored[p * channels + c];
                }
            }
            planes = planar;
        }
        place(planes, into);
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

    /** The planes in their frame: zero margins around a pad, the centre of a crop ({@link ImageBytes#frame}'s rule). */
    private void place(byte[] planes, byte[] into) {
        if (outHeight == height && outWidth == width) {
            System.arraycopy(planes, 0, into, 0, planes.length);
            return;
        }
        int plane = outHeight * outWidth;
        java.util.Arrays.fill(into, 0, channels * plane, (byte) 0);
        for (int c = 0; c < channels; c++) {
            int src = c * height * width;
            int dst = c * plane;
            for (int y = 0; y < window.rows; y++) {
                System.arraycopy(planes, src + (window.sy + y) * width + window.sx, into,
                        dst + (window.ty + y) * outWidth + window.tx, window.cols);
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

    /** The given rows, in that order, as a new {@code n x C x H x W} array of their bytes. */
    public INDArray bytes(int[] picked) {
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
