package dev.lva.core.io;

import dev.lva.core.data.DataException;
import dev.lva.core.data.NativeMemory;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The IDX format of MNIST and Fashion-MNIST (Debian's {@code dataset-fashion-mnist} installs them in
 * {@code /usr/share/datasets/fashion-mnist}), gzipped or not: a magic number naming the element
 * type and the rank, the dimensions as big-endian 32-bit integers, then the data. Reads unsigned
 * bytes (images, labels) as float32 0..255 ({@link #read}) or as the bytes themselves
 * ({@link #readBytes}), checking the dimensions before it allocates and that
 * the data is all there; a malformed file is an error naming the file, what is wrong and where
 * (the byte of the header, the sample the data ends in).
 */
public final class Idx {
    private static final int UBYTE = 0x08;
    private static final int HEADER_INTS = 1;

    private Idx() {
    }

    /** What an IDX file declares. */
    public record Header(int type, long[] shape) {
        public int rank() {
            return shape.length;
        }

        /** The bytes before the data: the magic number and a 32-bit dimension per axis. */
        public long headerBytes() {
            return 4L * (HEADER_INTS + rank());
        }
    }

    /** Whether {@code file} starts as an IDX file does (two zero bytes, a type, a rank of 1 to 4), gzipped or not. */
    public static boolean looksLikeIdx(Path file) {
        try (InputStream in = open(file)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 0 && b[1] == 0 && b[3] >= 1 && b[3] <= 4;
        } catch (IOException e) {
            return false;
        }
    }

    /** The header alone. */
    public static Header readHeader(Path file) {
        try (InputStream in = open(file)) {
            Header h = header(file.toString(), in);
            if (!isGzip(file)) {
                requireLength(file.toString(), h, Files.size(file), false);
            }
            return h;
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    /** Reads the first {@code limit} samples (all when {@code limit} is negative) of an unsigned-byte IDX file. */
    public static INDArray read(Path file, int limit) {
        return read(file, limit, DataType.FLOAT);
    }

    /**
     * Reads the first {@code limit} samples (all when {@code limit} is negative) as the unsigned bytes
     * they are stored as (a {@link DataType#UBYTE} array): a quarter of the float32 array's memory, for
     * images that are converted to [0, 1] later, a batch at a time or into a padded frame.
     */
    public static INDArray readBytes(Path file, int limit) {
        return read(file, limit, DataType.UBYTE);
    }

    private static INDArray read(Path file, int limit, DataType type) {
        boolean gzip = isGzip(file);
        try (InputStream in = open(file)) {
            // an uncompressed file's length is known before anything is read; a gzipped one's is counted after
            long size = gzip ? -1 : Files.size(file);
            INDArray out = read(file.toString(), in, limit, size, type);
            if (gzip) {
                requireGzipEnd(file, in);
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    /** Whether {@code file} starts with gzip's magic bytes (then it cannot be read by position). */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses a file whose length is not its header plus the data the header declares: the IDX format
     * has no end marker, so trailing bytes mean a wrong header or two files in one, and reading only
     * the declared part would hide that (the .npy reader refuses the same).
     */
    private static void requireLength(String source, Header h, long actual, boolean unzipped) {
        long headerBytes = 4L * (HEADER_INTS + h.rank());
        long data = 1;
        for (long d : h.shape()) {
            data *= d;
        }
        long expected = headerBytes + data;
        // a file cut short is found by the reader, which names the sample the data ends in
        if (actual > expected) {
            throw new DataException(source + ": " + (unzipped ? "unzipped, " : "") + "the file has " + actual
                    + " bytes, the header declares " + expected + " (a " + headerBytes + "-byte header and "
                    + dims(h.shape()) + " unsigned bytes): " + (actual - expected) + " bytes follow the data");
        }
    }

    /**
     * Refuses bytes after a gzip stream, which java.util.zip skips without a word: a gzip file ends
     * with the unzipped length (mod 2^32), and garbage after it ends with something else. A file that
     * joins several gzip streams ends with the last one's length, and is refused too.
     */
    private static void requireGzipEnd(Path file, InputStream unzipped) throws IOException {
        long total = ((CountingInputStream) unzipped).count;
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.position(Math.max(0, ch.size() - 4));
            while (last.hasRemaining() && ch.read(last) >= 0) {
                // the gzip trailer's 4-byte length
            }
            long declared = last.getInt(0) & 0xffffffffL;
            if (declared != (total & 0xffffffffL)) {
                throw new DataException(file + ": the gzip data unzips to " + total + " bytes but the file ends"
                        + " with the length " + declared + ": bytes follow the gzip data (or it joins several gzip"
                        + " streams; unzip it and read the IDX file)");
            }
        }
    }

    /** Counts the bytes read through it: the unzipped length of a gzip stream. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }

    /** The file's bytes, through gzip when it starts with gzip's magic. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        return b0 == 0x1f && b1 == 0x8b ? new CountingInputStream(new BufferedInputStream(new GZIPInputStream(
                buffered, 1 << 16), 1 << 16)) : buffered;
    }

    private static DataException unreadable(String source, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            // gzip's own checks: a cut or damaged .gz file
            return new DataException(source + ": the gzip data is damaged or cut short (" + e.getMessage() + ")", e);
        }
        return new DataException(source + ": cannot read: " + e.getMessage(), e);
    }

    private static Header header(String source, InputStream in) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataException(source + ": not an IDX file: it ends after " + magic.length
                    + " bytes, before the 4-byte magic number");
        }
        int type = magic[2] & 0xff;
        int rank = magic[3] & 0xff;
        if (magic[0] != 0 || magic[1] != 0 || rank < 1 || rank > 4) {
            throw new DataException(source + ": not an IDX file (it starts " + hex(magic) + "; an IDX file starts"
                    + " 00 00, a type byte and a rank of 1 to 4, as 00 00 08 03 for images)");
        }
        long[] shape = new long[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            byte[] b = in.readNBytes(4);
            if (b.length < 4) {
                throw new DataException(source + ": truncated in the header: it declares " + rank + " dimensions but"
                        + " ends after " + i + " (at byte " + (4 * (HEADER_INTS + i) + b.length) + ")");
            }
            shape[i] = ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            total = shape[i] == 0 ? 0 : total > Npy.MAX_ELEMENTS / shape[i] ? Npy.MAX_ELEMENTS + 1 : total * shape[i];
        }
        if (total > Npy.MAX_ELEMENTS) {
            throw new DataException(source + ": the shape " + dims(shape) + " has more than " + Npy.MAX_ELEMENTS
                    + " elements");
        }
        if (type != UBYTE) {
            throw new DataException(source + ": IDX element type 0x" + String.format("%02x", type) + " ("
                    + typeName(type) + ") is not supported; lva reads unsigned bytes (0x08), as images are stored");
        }
        return new Header(type, shape);
    }

    private static INDArray read(String source, InputStream in, int limit, long size, DataType type)
            throws IOException {
        Header h = header(source, in);
        if (size >= 0) {
            requireLength(source, h, size, false);
        }
        long[] shape = h.shape().clone();
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] == 0) {
                throw new DataException(source + ": dimension " + (i + 1) + " of the shape " + dims(h.shape())
                        + " is 0; a sample needs at least one value");
            }
        }
        if (limit >= 0 && limit < shape[0]) {
            shape[0] = limit;
        }
        long sample = 1;
        for (int i = 1; i < shape.length; i++) {
            sample *= shape[i];
        }
        long n = shape[0] * sample;
        NativeMemory.require(n, type, source + ": " + dims(shape) + " values",
                "read fewer samples (--limit)");
        INDArray out = Nd4j.create(type, shape);
        if (n == 0) {
            return out;
        }
        java.nio.FloatBuffer floats = null;
        java.nio.ByteBuffer bytes = null;
        if (type == DataType.UBYTE) {
            bytes = new BytePointer(out.data().addressPointer()).capacity(n).asBuffer();
        } else {
            FloatPointer target = new FloatPointer(out.data().addressPointer());
            target.capacity(n);
            floats = target.asBuffer();
        }
        byte[] chunk = new byte[1 << 16];
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(chunk.length, n - done);
            int got = in.readNBytes(chunk, 0, want);
            if (bytes != null) {
                bytes.put((int) done, chunk, 0, got);
            } else {
                for (int i = 0; i < got; i++) {
                    floats.put((int) (done + i), chunk[i] & 0xff);
                }
            }
            done += got;
            if (got < want) {
                long at = done / sample;
                throw new DataException(source + ": truncated: the header declares " + h.shape()[0] + " samples of "
                        + sample + " values, the data ends " + (done % sample == 0 ? "after sample " + at
                        : "inside sample " + (at + 1) + " (" + (done % sample) + " of its " + sample + " values)")
                        + (shape.length > 1 ? " of shape " + dims(java.util.Arrays.copyOfRange(shape, 1, shape.length))
                        : ""));
            }
        }
        if (size < 0) {
            // gzipped: the rest is unzipped and counted (not kept), so trailing data is found with a limit too
            long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
            long headerBytes = 4L * (HEADER_INTS + h.rank());
            requireLength(source, h, headerBytes + n + rest, true);
        }
        return out;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed bytes";
            case 0x0b -> "16-bit integers";
            case 0x0c -> "32-bit integers";
            case 0x0d -> "float32";
            case 0x0e -> "float64";
            default -> "unknown";
        };
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    static String dims(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(s.length() == 0 ? "" : " x ").append(d);
        }
        return s.toString();
    }
}
