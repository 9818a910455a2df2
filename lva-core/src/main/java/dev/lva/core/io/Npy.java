package dev.lva.core.io;

import dev.lva.api.LvaException;
import dev.lva.core.data.DataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0), read and written by lva itself.
 *
 * <p>Why not ND4J's own loader: it hands the bytes to native code, and a truncated or malformed file
 * can then crash the JVM instead of raising an error. This reader checks the magic, the header
 * dictionary, the dtype, the rank and that the data length matches the shape before it allocates
 * anything, and streams the data in chunks, so a file can never make it allocate more than the
 * file holds. Reads {@code float32} and {@code float64} (as FLOAT and DOUBLE), {@code int32}
 * and {@code int64} as DOUBLE, and {@code uint8} (images) as FLOAT 0..255; either byte order; C or
 * Fortran order; any rank (a batch of images is {@code N x H x W} or {@code N x C x H x W}). Writes C-ordered little-endian
 * {@code <f4} or {@code <f8} with the header byte for byte as numpy 1.24 writes it.
 */
public final class Npy {
    /** The most elements an array may have (lva indexes arrays with ints). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE;
    /** The most elements a header's shape may have: its bytes (8 an element at most) fit in a long. */
    static final long MAX_SHAPE_ELEMENTS = Long.MAX_VALUE / 8;
    /** numpy's own limit on a header it will read without {@code allow_pickle}-style opt-in. */
    static final int MAX_HEADER_BYTES = 10_000;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** numpy (1.24+) leaves room after the header for the growing axis to reach this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * What a header declares.
     *
     * @param dtype        numpy's type string, e.g. {@code <f4}
     * @param fortranOrder whether the data is column-major
     * @param shape        the dimensions
     * @param headerBytes  bytes before the data (magic, version, length and dictionary)
     */
    public record Header(String dtype, boolean fortranOrder, long[] shape, int headerBytes) {
        /** Number of elements. */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** Bytes per element. */
        public int itemSize() {
            return dtype.charAt(2) - '0';
        }

        /** Bytes of data that follow the header. */
        public long dataBytes() {
            return elements() * itemSize();
        }

        /** The type lva reads this data as: FLOAT for float32 and uint8, DOUBLE otherwise. */
        public DataType dataType() {
            String t = dtype.substring(1);
            return t.equals("f4") || t.equals("u1") ? DataType.FLOAT : DataType.DOUBLE;
        }
    }

    /**
     * Reads a file whose rank is one of {@code ranks} (any rank when none are given); a wrong rank
     * is an error before the data is read.
     */
    public static INDArray read(Path file, int... ranks) {
        return fromFile(file, (source, in, size) -> read(source, in, size, ranks));
    }

    /**
     * Reads the first {@code limit} rows (along the first axis; all when {@code limit} is negative) of
     * a file whose rank is one of {@code ranks}. The whole file is checked (header, dtype, that its
     * length is header plus data) but only the rows asked for are read and allocated, so the first 100
     * images of a 2.5 GB file cost 100 images. A Fortran-ordered file keeps its rows apart in memory
     * and is read whole before it is cut.
     */
    public static INDArray readRows(Path file, long limit, int... ranks) {
        return fromFile(file, (source, in, size) -> readRows(source, in, size, limit, ranks));
    }

    /**
     * As {@link #readRows(Path, long, int...)} for a file of unsigned bytes ({@code |u1}), read as the
     * bytes they are (a {@link DataType#UBYTE} array, a quarter of float32's memory) rather than as
     * float32; a file of another dtype is refused.
     */
    public static INDArray readRowBytes(Path file, long limit, int... ranks) {
        return fromFile(file, (source, in, size) -> {
            Header h = readHeader(source, in, size);
            requireRank(source, h, ranks);
            if (!h.dtype().substring(1).equals("u1")) {
                throw new DataException(source + ": holds " + typeName(h.dtype()) + ", not unsigned bytes (uint8)");
            }
            long[] shape = h.shape();
            if (limit < 0 || shape.length == 0 || limit >= shape[0]) {
                return readData(source, in, h, DataType.UBYTE);
            }
            if (h.fortranOrder()) {
                return firstRows(readData(source, in, h, DataType.UBYTE), limit);
            }
            long[] cut = shape.clone();
            cut[0] = limit;
            return readData(source, in, new Header(h.dtype(), false, cut, h.headerBytes()), DataType.UBYTE);
        });
    }

    /** What reads an array from a file's stream, given the file's name and length. */
    @FunctionalInterface
    private interface StreamReader {
        INDArray read(String source, InputStream in, long size) throws IOException;
    }

    /** Opens {@code file} for {@code reader}; a missing or unreadable file is one error naming it. */
    private static INDArray fromFile(Path file, StreamReader reader) {
        String source = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataException(source + ": no such file");
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return reader.read(source, in, size);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #readRows(Path, long, int...)}, from a stream of {@code size} bytes in all: the
     * stream is read no further than the last row asked for. Does not close {@code in}.
     */
    public static INDArray readRows(String source, InputStream in, long size, long limit, int... ranks)
            throws IOException {
        Header h = readHeader(source, in, size);
        requireRank(source, h, ranks);
        long[] shape = h.shape();
        if (limit < 0 || shape.length == 0 || limit >= shape[0]) {
            return readData(source, in, h);
        }
        if (h.fortranOrder()) {
            INDArray all = readData(source, in, h);
            return firstRows(all, limit);
        }
        long[] cut = shape.clone();
        cut[0] = limit;
        return readData(source, in, new Header(h.dtype(), false, cut, h.headerBytes()));
    }

    private static INDArray firstRows(INDArray a, long limit) {
        org.nd4j.linalg.indexing.INDArrayIndex[] first = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        first[0] = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, limit);
        for (int i = 1; i < first.length; i++) {
            first[i] = org.nd4j.linalg.indexing.NDArrayIndex.all();
        }
        return a.get(first).dup('c');
    }

    private static void requireRank(String source, Header h, int... ranks) {
        if (ranks.length > 0 && Arrays.stream(ranks).noneMatch(r -> r == h.shape().length)) {
            throw new DataException(source + ": expected a " + Arrays.stream(ranks).mapToObj(r -> r + "-D")
                    .collect(Collectors.joining(" or ")) + " array, got shape " + shapeString(h.shape()));
        }
    }

    /**
     * Reads a batch of samples of shape {@code sample} ({@code C, H, W} for images, {@code D} for
     * rows): the file holds {@code N x sample}, or {@code N x H x W} when the sample has one channel.
     * Returns {@code N x sample}; a file of another shape is an error naming the file and both shapes.
     */
    public static INDArray readSamples(Path file, int... sample) {
        INDArray a = read(file);
        long[] got = a.shape();
        long[] want = new long[sample.length + 1];
        want[0] = got.length == 0 ? 0 : got[0];
        for (int i = 0; i < sample.length; i++) {
            want[i + 1] = sample[i];
        }
        boolean grey = sample.length == 3 && sample[0] == 1 && got.length == 3 && got[1] == sample[1]
                && got[2] == sample[2];
        if (grey) {
            return a.reshape('c', want);
        }
        if (!Arrays.equals(got, want)) {
            StringBuilder expected = new StringBuilder("N");
            for (int d : sample) {
                expected.append(" x ").append(d);
            }
            throw new DataException(file + ": expected " + expected + ", got " + (got.length == 0 ? "a scalar"
                    : dimsString(got)));
        }
        return a;
    }

    /** Reads an array held in memory; {@code source} names it in messages. */
    public static INDArray fromBytes(String source, byte[] bytes, int... ranks) {
        try {
            return read(source, new ByteArrayInputStream(bytes), bytes.length, ranks);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }

    /**
     * Reads an array of exactly {@code size} bytes from {@code in}: the header is checked against
     * {@code size} before any array is allocated, and a stream that ends early is reported as
     * truncated. Does not close {@code in}.
     */
    public static INDArray read(String source, InputStream in, long size, int... ranks) throws IOException {
        Header h = readHeader(source, in, size);
        requireRank(source, h, ranks);
        return readData(source, in, h);
    }

    /**
     * Reads and checks the header: magic, version, dictionary, dtype, element count, and that the
     * {@code size} bytes in all hold exactly header plus data.
     */
    public static Header readHeader(String source, InputStream in, long size) throws IOException {
        if (size == 0) {
            throw new DataException(source + ": the file is empty, not a .npy array");
        }
        byte[] start = in.readNBytes(8);
        if (start.length < 8 || !Arrays.equals(start, 0, 6, MAGIC, 0, 6)) {
            throw new DataException(source + ": not a .npy file (it does not start with \\x93NUMPY)");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new DataException(source + ": .npy format version " + major + "." + minor
                    + " is not supported (1.0, 2.0 or 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw truncatedHeader(source);
        }
        long headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffffL;
        if (major > 1) {
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xffffffffL;
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new DataException(source + ": the header claims " + headerLength + " bytes; at most "
                    + MAX_HEADER_BYTES + " are allowed");
        }
        int prefix = 6 + 2 + lengthBytes;
        if (prefix + headerLength > size) {
            throw new DataException(source + ": truncated: the header claims " + headerLength + " bytes, the file has "
                    + (size - prefix) + " after the magic");
        }
        byte[] dict = in.readNBytes((int) headerLength);
        if (dict.length < headerLength) {
            throw truncatedHeader(source);
        }
        String text = new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = HeaderParser.parse(source, text, prefix + (int) headerLength);
        long available = size - h.headerBytes();
        if (h.dataBytes() != available) {
            throw new DataException(source + ": " + (h.dataBytes() > available ? "truncated: " : "")
                    + "header says " + dimsString(h.shape()) + " " + typeName(h.dtype()) + " = " + h.dataBytes()
                    + " bytes, the file has " + available);
        }
        return h;
    }

    private static DataException truncatedHeader(String source) {
        return new DataException(source + ": truncated inside the header");
    }

    private static INDArray readData(String source, InputStream in, Header h) throws IOException {
        return readData(source, in, h, h.dataType());
    }

    /** @param type the header's {@link Header#dataType}, or UBYTE for a file of unsigned bytes */
    private static INDArray readData(String source, InputStream in, Header h, DataType type) throws IOException {
        long[] shape = h.shape();
        long n = h.elements();
        long[] layout = h.fortranOrder() ? reversed(shape) : shape;
        dev.lva.core.data.NativeMemory.require(n, type, source + ": " + dimsString(shape) + " values", "");
        INDArray out = Nd4j.create(type, layout.length == 0 ? new long[] {1} : layout);
        if (n > 0) {
            fill(source, in, h, out, n);
        }
        if (shape.length == 0) {
            return Nd4j.scalar(out.getDouble(0)).castTo(type);
        }
        if (h.fortranOrder() && shape.length > 1) {
            int[] axes = new int[shape.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = axes.length - 1 - i;
            }
            return out.permute(axes).dup('c');
        }
        return out;
    }

    /** Streams the data into {@code out}'s memory chunk by chunk, converting type and byte order. */
    private static void fill(String source, InputStream in, Header h, INDArray out, long n) throws IOException {
        int item = h.itemSize();
        ByteOrder order = h.dtype().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = h.dtype().charAt(1);
        boolean asBytes = out.dataType() == DataType.UBYTE;
        long targetBytes = n * out.dataType().width();
        ByteBuffer target = new BytePointer(out.data().addressPointer()).capacity(targetBytes).asByteBuffer()
                .order(ByteOrder.nativeOrder());
        FloatBuffer floats = out.dataType() == DataType.FLOAT ? target.asFloatBuffer() : null;
        DoubleBuffer doubles = out.dataType() == DataType.DOUBLE ? target.asDoubleBuffer() : null;
        byte[] chunk = new byte[CHUNK - CHUNK % item];
        long remaining = n * item;
        while (remaining > 0) {
            int want = (int) Math.min(chunk.length, remaining);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                long read = n * item - remaining + got;
                throw new DataException(source + ": truncated: header says " + dimsString(h.shape()) + " "
                        + typeName(h.dtype()) + " = " + n * item + " bytes, the data ends after " + read);
            }
            ByteBuffer src = ByteBuffer.wrap(chunk, 0, got).order(order);
            int count = got / item;
            if (asBytes) {
                target.put(chunk, 0, got);
            } else if (kind == 'u') {
                for (int i = 0; i < count; i++) {
                    floats.put(chunk[i] & 0xff);
                }
            } else if (floats != null) {
                floats.put(src.asFloatBuffer());
            } else if (kind == 'f') {
                doubles.put(src.asDoubleBuffer());
            } else if (item == 4) {
                for (int i = 0; i < count; i++) {
                    doubles.put(src.getInt(i * 4));
                }
            } else {
                for (int i = 0; i < count; i++) {
                    doubles.put((double) src.getLong(i * 8));
                }
            }
            remaining -= got;
        }
    }

    /** Writes {@code array} (FLOAT or DOUBLE) as a .npy file; the file is replaced, not atomically. */
    public static void write(Path file, INDArray array) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, array);
        } catch (IOException e) {
            throw new LvaException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The bytes of a .npy file holding {@code array}. */
    public static byte[] toBytes(INDArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes header and data to {@code out}, which stays open. */
    public static void write(OutputStream out, INDArray array) throws IOException {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new LvaException(".npy output supports FLOAT and DOUBLE arrays, got " + type);
        }
        out.write(header(type == DataType.FLOAT ? "<f4" : "<f8", array.shape()));
        long n = array.length();
        if (n == 0) {
            return;
        }
        int item = type == DataType.FLOAT ? 4 : 8;
        INDArray c = array.dup('c');
        ByteBuffer data = new BytePointer(c.data().addressPointer()).capacity(n * item).asByteBuffer()
                .order(ByteOrder.nativeOrder());
        byte[] chunk = new byte[CHUNK];
        ByteBuffer le = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        long done = 0;
        while (done < n) {
            int count = (int) Math.min(CHUNK / item, n - done);
            le.clear();
            if (item == 4) {
                FloatBuffer src = data.asFloatBuffer();
                src.position((int) done).limit((int) done + count);
                le.asFloatBuffer().put(src);
            } else {
                DoubleBuffer src = data.asDoubleBuffer();
                src.position((int) done).limit((int) done + count);
                le.asDoubleBuffer().put(src);
            }
            out.write(chunk, 0, count * item);
            done += count;
        }
    }

    /** The header numpy 1.24 writes for this dtype and shape: version 1.0 unless it does not fit. */
    public static byte[] header(String dtype, long[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype)
                .append("', 'fortran_order': False, 'shape': ").append(shapeString(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int major = text.length + 1 + 10 > 0xffff ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        int withNewline = text.length + 1;
        int pad = ALIGN - (prefix + withNewline) % ALIGN;
        int headerLength = withNewline + pad;
        ByteBuffer b = ByteBuffer.allocate(prefix + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) headerLength);
        } else {
            b.putInt(headerLength);
        }
        b.put(text);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    /** A shape as Python writes a tuple: {@code (100, 3)}, {@code (5,)}, {@code ()}. */
    public static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    private static String dimsString(long[] shape) {
        if (shape.length == 0) {
            return "1";
        }
        StringJoiner j = new StringJoiner(" x ");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /** The name of a supported dtype ({@code <f4}: float32), as messages give it. */
    public static String typeName(String dtype) {
        String t = dtype.substring(1);
        return switch (t) {
            case "f4" -> "float32";
            case "f8" -> "float64";
            case "i4" -> "int32";
            case "u1" -> "uint8";
            default -> "int64";
        };
    }

    private static long[] reversed(long[] shape) {
        long[] r = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            r[i] = shape[shape.length - 1 - i];
        }
        return r;
    }

    /**
     * The header dictionary, a Python literal such as
     * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3,), }}.
     */
    private static final class HeaderParser {
        private final String source;
        private final String text;
        private int pos;

        private HeaderParser(String source, String text) {
            this.source = source;
            this.text = text;
        }

        static Header parse(String source, String text, int headerBytes) {
            HeaderParser p = new HeaderParser(source, text);
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            p.skipSpace();
            p.expect('{');
            p.skipSpace();
            while (!p.peek('}')) {
                String key = p.string();
                p.skipSpace();
                p.expect(':');
                p.skipSpace();
                switch (key) {
                    case "descr" -> {
                        if (!p.peek('\'') && !p.peek('"')) {
                            throw p.error("descr is not a plain dtype string (structured arrays are not supported)");
                        }
                        descr = p.string();
                    }
                    case "fortran_order" -> fortran = p.bool();
                    case "shape" -> shape = p.tuple();
                    default -> throw p.error("unexpected key '" + key + "' in the header");
                }
                p.skipSpace();
                if (p.peek(',')) {
                    p.pos++;
                    p.skipSpace();
                } else if (!p.peek('}')) {
                    throw p.error("expected ',' or '}' at offset " + p.pos + " of the header");
                }
            }
            p.pos++;
            p.skipSpace();
            if (p.pos != text.length()) {
                throw p.error("unexpected text after the header dictionary");
            }
            if (descr == null || fortran == null || shape == null) {
                throw p.error("the header lacks " + (descr == null ? "'descr'" : fortran == null ? "'fortran_order'"
                        : "'shape'"));
            }
            return new Header(checkDtype(source, descr), fortran, shape, headerBytes);
        }

        private static String checkDtype(String source, String descr) {
            String d = descr.startsWith("=") ? "<" + descr.substring(1) : descr;
            if (d.equals("|f4") || d.equals("|f8") || d.equals("|u1") || d.equals(">u1")) {
                d = "<" + d.substring(1);
            }
            if (d.length() == 3 && (d.charAt(0) == '<' || d.charAt(0) == '>')
                    && (d.endsWith("f4") || d.endsWith("f8") || d.endsWith("i4") || d.endsWith("i8")
                    || d.equals("<u1"))) {
                return d;
            }
            throw new DataException(source + ": dtype '" + descr + "' is not supported (float32 or float64; int32 and"
                    + " int64 are read as float64, uint8 as float32 0..255)");
        }

        private DataException error(String what) {
            return new DataException(source + ": bad header: " + what);
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "' at offset " + pos + " of the header");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private String string() {
            if (!peek('\'') && !peek('"')) {
                throw error("expected a quoted string at offset " + pos + " of the header");
            }
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw error("unterminated string in the header");
            }
            String s = text.substring(pos, end);
            pos = end + 1;
            return s;
        }

        private boolean bool() {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw error("fortran_order must be True or False");
        }

        private long[] tuple() {
            expect('(');
            long[] dims = new long[0];
            skipSpace();
            long elements = 1;
            while (!peek(')')) {
                int start = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw error("shape must be a tuple of non-negative integers");
                }
                if (pos - start > 18) {
                    throw error("shape dimension " + text.substring(start, pos) + " is too large");
                }
                long d = Long.parseLong(text.substring(start, pos));
                if (peek('L')) {
                    pos++;
                }
                dims = Arrays.copyOf(dims, dims.length + 1);
                dims[dims.length - 1] = d;
                if (dims.length > 32) {
                    throw error("shape has more than 32 dimensions");
                }
                // a shape past one array's 2^31 - 1 elements is a file still (a 2.4 GB image set is read a batch at
                // a time): what reads it whole refuses it there (NativeMemory.require); here only its byte count
                // must fit a long, for the check of the file's length
                elements = d == 0 || elements == 0 ? 0 : elements > MAX_SHAPE_ELEMENTS / d ? -1 : elements * d;
                if (elements < 0) {
                    throw new DataException(source + ": the shape has more than " + MAX_SHAPE_ELEMENTS + " elements");
                }
                skipSpace();
                if (peek(',')) {
                    pos++;
                    skipSpace();
                } else if (!peek(')')) {
                    throw error("expected ',' or ')' in the shape");
                }
            }
            pos++;
            return dims;
        }
    }
}
