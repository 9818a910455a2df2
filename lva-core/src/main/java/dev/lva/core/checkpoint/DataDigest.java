package dev.lva.core.checkpoint;

import dev.lva.core.data.ImageBytes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A SHA-256 of the data a run trained on: its shape, its dtype and every value in row-major order,
 * as read (after a front end picked columns, limited rows or padded images; before scaling, since a
 * checkpoint carries its scaler and a resumed run applies it again). A checkpoint and a sweep's
 * folder record it, so that a run continued or a sweep re-run on a file that was since reordered,
 * cut or edited is noticed instead of being called exact. Column names are not hashed: a resumed
 * run picks its columns by name wherever they stand, so only the values it ends up with matter.
 *
 * @param hex   the digest, 64 hex digits
 * @param shape what was hashed, for messages: {@code 500 x 3 float64}
 */
public record DataDigest(String hex, String shape) {
    /** How the digest is written: {@code sha256:HEX}. */
    public static final String PREFIX = "sha256:";
    /** Bumped if what is hashed ever changes, so that old and new digests never compare equal by chance. */
    private static final byte[] DOMAIN = "lva-data-digest-v1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Values hashed per slice: a large image set is read a slice at a time, not copied whole. */
    private static final long SLICE_VALUES = 1 << 20;

    public DataDigest {
        Objects.requireNonNull(hex, "hex");
        Objects.requireNonNull(shape, "shape");
    }

    /** The digest of {@code x} (FLOAT or DOUBLE, any rank, any ordering or view). */
    public static DataDigest of(INDArray x) {
        requireType(x.dataType());
        return hashSlices(x, x.dataType(), slice -> slice.dup('c'));
    }

    /**
     * The digest of {@code x} as {@code type} values: image bytes ({@link ImageBytes#isBytes}) are
     * hashed as the pixels they convert to, a slice at a time, so that data held as bytes has the
     * digest the same data read as float32 (or float64) has; any other array as {@link #of(INDArray)}.
     */
    public static DataDigest of(INDArray x, DataType type) {
        if (!ImageBytes.isBytes(x)) {
            return of(x);
        }
        requireType(type);
        return hashSlices(x, type, slice -> ImageBytes.pixels(slice, type));
    }

    /** Hashes {@code x} a block of rows at a time, each block as {@code values} gives it (C-ordered, of {@code type}). */
    private static DataDigest hashSlices(INDArray x, DataType type, java.util.function.UnaryOperator<INDArray> values) {
        long[] shape = x.shape();
        return hashBlocks(shape, type, (from, to) -> {
            INDArray slice = shape.length < 2 ? x : x.get(rowRange(shape.length, from, to));
            INDArray c = values.apply(slice);
            return c;
        }, x);
    }

    /**
     * The digest of the images {@code rows} reads from their file, as {@code type} values: the digest
     * the same images held in memory as bytes ({@link #of(INDArray, DataType)}) have, read a block of
     * rows at a time.
     */
    public static DataDigest of(dev.lva.core.data.ImageFileRows rows, DataType type) {
        requireType(type);
        return hashBlocks(rows.shape(), type, (from, to) -> {
            int[] picked = java.util.stream.IntStream.range((int) from, (int) to).toArray();
            if (rows.valueType() != DataType.UBYTE) {
                return rows.rows(picked, type);
            }
            INDArray bytes = rows.bytes(picked);
            INDArray values = ImageBytes.pixels(bytes, type);
            bytes.close();
            return values;
        }, null);
    }

    /** Rows {@code [from, to)} of the data as C-ordered values of the digest's type. */
    @FunctionalInterface
    private interface Block {
        INDArray rows(long from, long to);
    }

    /** Hashes the rows of data of {@code shape} a block at a time; a block that is not {@code keep} is closed after. */
    private static DataDigest hashBlocks(long[] shape, DataType type, Block block, INDArray keep) {
        MessageDigest md = start(shape, type);
        long rows = shape.length == 0 ? 1 : shape[0];
        long perRow = 1;
        for (int i = 1; i < shape.length; i++) {
            perRow *= shape[i];
        }
        if (rows == 0) {
            perRow = 0;
        }
        long step = Math.max(1, SLICE_VALUES / Math.max(1, perRow));
        for (long r = 0; r < rows && perRow > 0; r += step) {
            INDArray c = block.rows(r, Math.min(rows, r + step));
            if (type == DataType.FLOAT) {
                update(md, c.data().asFloat());
            } else {
                update(md, c.data().asDouble());
            }
            if (c != keep) {
                c.close();
            }
        }
        return finish(md, shape, type);
    }

    /** The digest of values given in row-major order with their shape (a sweep's data in memory). */
    public static DataDigest of(long[] shape, float[] values) {
        MessageDigest md = start(shape, DataType.FLOAT);
        update(md, values);
        return finish(md, shape, DataType.FLOAT);
    }

    /** As above, for float64 values. */
    public static DataDigest of(long[] shape, double[] values) {
        MessageDigest md = start(shape, DataType.DOUBLE);
        update(md, values);
        return finish(md, shape, DataType.DOUBLE);
    }

    /** The digest as {@link #text()} wrote it, with the shape text recorded beside it. */
    public static DataDigest parse(String text, String shape) {
        if (text == null || !text.startsWith(PREFIX) || text.length() != PREFIX.length() + 64) {
            throw new CheckpointException("'" + text + "' is not a data digest (expected " + PREFIX + " and 64 hex"
                    + " digits)");
        }
        return new DataDigest(text.substring(PREFIX.length()), shape == null ? "shape not recorded" : shape);
    }

    /** {@code sha256:} and the 64 hex digits, as files record it. */
    public String text() {
        return PREFIX + hex;
    }

    /** The first 12 hex digits, enough to tell two data sets apart in a message. */
    public String shortText() {
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** {@code 3f9a1c2b7d4e (500 x 3 float64)}: for messages. */
    public String describe() {
        return shortText() + " (" + shape + ")";
    }

    /** Whether both digests hash the same data (the shape text is only a description). */
    public boolean sameData(DataDigest other) {
        return other != null && hex.equals(other.hex);
    }

    private static INDArrayIndex[] rowRange(int rank, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < rank; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return idx;
    }

    private static void requireType(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new CheckpointException("a data digest hashes float32 or float64 values, not " + type);
        }
    }

    private static MessageDigest start(long[] shape, DataType type) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        md.update(DOMAIN);
        ByteBuffer head = ByteBuffer.allocate(8 + 8 * (shape.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(type == DataType.FLOAT ? 4 : 8);
        head.putLong(shape.length);
        for (long d : shape) {
            head.putLong(d);
        }
        md.update(head.array());
        return md;
    }

    private static void update(MessageDigest md, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * (int) Math.min(values.length, SLICE_VALUES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; ) {
            b.clear();
            int end = (int) Math.min(values.length, i + SLICE_VALUES);
            for (; i < end; i++) {
                b.putFloat(values[i]);
            }
            md.update(b.array(), 0, b.position());
        }
    }

    private static void update(MessageDigest md, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * (int) Math.min(values.length, SLICE_VALUES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; ) {
            b.clear();
            int end = (int) Math.min(values.length, i + SLICE_VALUES);
            for (; i < end; i++) {
                b.putDouble(values[i]);
            }
            md.update(b.array(), 0, b.position());
        }
    }

    private static DataDigest finish(MessageDigest md, long[] shape, DataType type) {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(s.length() == 0 ? "" : " x ").append(d);
        }
        s.append(type == DataType.FLOAT ? " float32" : " float64");
        return new DataDigest(HexFormat.of().formatHex(md.digest()), s.toString());
    }
}
