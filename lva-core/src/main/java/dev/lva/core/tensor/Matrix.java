package dev.lva.core.tensor;

import dev.lva.api.LvaException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense row-major matrix over the memory of an {@link INDArray} (float32 or float64), with direct
 * element access for Java loops and a native pointer for BLAS.
 *
 * <p>Why not ND4J ops in the hot loop: on the seed workload's shapes (100 x 48) one ND4J op costs
 * 10-30 us of dispatch while the arithmetic takes 1-2 us, and a training step needs ~150 of them.
 * The engine therefore keeps its data in ND4J arrays (flat parameter buffers with views, .npy, SVD)
 * but runs element-wise work as fused Java loops over this view and matrix products as direct
 * BLAS calls, with every buffer allocated once per batch shape.
 */
public final class Matrix {
    private final INDArray array;
    private final int rows;
    private final int cols;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final Pointer pointer;

    private Matrix(INDArray array, int rows, int cols) {
        this.array = array;
        this.rows = rows;
        this.cols = cols;
        long n = (long) rows * cols;
        if (array.dataType() == DataType.FLOAT) {
            FloatPointer p = new FloatPointer(array.data().addressPointer());
            p.capacity(n);
            this.pointer = p;
            this.floats = p.asBuffer();
            this.doubles = null;
        } else if (array.dataType() == DataType.DOUBLE) {
            DoublePointer p = new DoublePointer(array.data().addressPointer());
            p.capacity(n);
            this.pointer = p;
            this.doubles = p.asBuffer();
            this.floats = null;
        } else {
            throw new LvaException("lva computes in FLOAT or DOUBLE, got an array of " + array.dataType());
        }
    }

    /** A new zero matrix. */
    public static Matrix zeros(DataType type, int rows, int cols) {
        requireSupported(type);
        return new Matrix(Nd4j.create(type, rows, cols), rows, cols);
    }

    /**
     * A view of {@code array} (rank 1 or 2, C-ordered and contiguous), sharing its memory; a rank-1
     * array becomes one row.
     */
    public static Matrix wrap(INDArray array) {
        if (!isDenseRowMajor(array)) {
            throw new LvaException("expected a contiguous row-major (C order) array of rank 1 or 2, got shape "
                    + Arrays.toString(array.shape()) + " with strides " + Arrays.toString(array.stride())
                    + "; use Matrix.copyOf");
        }
        int r = array.rank() == 1 ? 1 : (int) array.rows();
        int c = array.rank() == 1 ? (int) array.length() : (int) array.columns();
        return new Matrix(array, r, c);
    }

    /**
     * {@link #wrap} when possible, else a C-ordered copy in {@code type}. An array of rank 3 or more
     * (a batch of images, N x C x H x W) becomes N rows of its samples in C order.
     */
    public static Matrix copyOf(INDArray array, DataType type) {
        if (array.rank() > 2) {
            long rows = array.size(0);
            long cols = rows == 0 ? 0 : array.length() / rows;
            if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
                throw new LvaException("array of shape " + Arrays.toString(array.shape()) + " is too large");
            }
            INDArray c = array.dataType() == type && isContiguous(array) ? array : array.castTo(type).dup('c');
            // a view of the same memory as rows x cols, so array() hands on a matrix
            return wrap(c.reshape('c', rows, cols));
        }
        if (array.dataType() == type && isDenseRowMajor(array)) {
            return wrap(array);
        }
        INDArray copy = array.castTo(type).dup('c');
        return wrap(array.rank() == 1 ? copy.reshape(1, copy.length()) : copy);
    }

    /**
     * All of {@code array} (any rank, C-ordered and contiguous) as one row, sharing its memory: the
     * way to hand an image or a convolution's weight to a kernel.
     */
    public static Matrix flat(INDArray array) {
        if (!isContiguous(array)) {
            throw new LvaException("expected a contiguous C-ordered array, got shape " + Arrays.toString(array.shape())
                    + " with strides " + Arrays.toString(array.stride()));
        }
        if (array.length() > Integer.MAX_VALUE) {
            throw new LvaException("array of shape " + Arrays.toString(array.shape()) + " is too large");
        }
        return new Matrix(array, 1, (int) array.length());
    }

    /** Whether the array's elements lie in C order without gaps (any rank). */
    public static boolean isContiguous(INDArray a) {
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) > 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    /** A rows x cols view of {@code length} elements of a rank-1 buffer, starting at {@code offset}. */
    public static Matrix view(INDArray flat, long offset, int rows, int cols) {
        long n = (long) rows * cols;
        INDArray part = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n));
        return wrap(part.reshape('c', rows, cols));
    }

    public static boolean isDenseRowMajor(INDArray a) {
        if (a.rank() == 1) {
            return a.length() <= 1 || a.stride(0) == 1;
        }
        if (a.rank() != 2) {
            return false;
        }
        long r = a.rows();
        long c = a.columns();
        return (c <= 1 || a.stride(1) == 1) && (r <= 1 || a.stride(0) == c);
    }

    private static void requireSupported(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new LvaException("lva computes in FLOAT or DOUBLE, not " + type);
        }
    }

    public INDArray array() {
        return array;
    }

    /**
     * Frees the native memory of a matrix made by {@link #zeros} now. ND4J frees an array's memory
     * only when the garbage collector takes its Java object, which a small heap seldom does: buffers
     * replaced for another batch size piled up as hundreds of MB of resident memory after training.
     * Only for a matrix whose owner drops it: it, its array and any view of it must not be used after.
     */
    public void free() {
        if (array.closeable()) {
            array.close();
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int length() {
        return rows * cols;
    }

    public DataType dataType() {
        return floats != null ? DataType.FLOAT : DataType.DOUBLE;
    }

    public boolean isFloat() {
        return floats != null;
    }

    /** Native pointer to the first element, for BLAS. */
    public Pointer pointer() {
        return pointer;
    }

    /** The float32 buffer, or null for a float64 matrix; index 0 is the first element. */
    public FloatBuffer floats() {
        return floats;
    }

    /** The float64 buffer, or null for a float32 matrix. */
    public DoubleBuffer doubles() {
        return doubles;
    }

    /** Element at row-major index {@code i}. */
    public double get(int i) {
        return floats != null ? floats.get(i) : doubles.get(i);
    }

    public void set(int i, double v) {
        if (floats != null) {
            floats.put(i, (float) v);
        } else {
            doubles.put(i, v);
        }
    }

    public double get(int r, int c) {
        return get(r * cols + c);
    }

    public void set(int r, int c, double v) {
        set(r * cols + c, v);
    }

    public void fill(double v) {
        int n = length();
        if (v == 0) {
            // all-zero bits are 0.0 in both precisions: one native memset (zeroing gradients every step)
            Pointer.memset(pointer, 0, (long) n * (floats != null ? Float.BYTES : Double.BYTES));
            return;
        }
        if (floats != null) {
            float f = (float) v;
            for (int i = 0; i < n; i++) {
                floats.put(i, f);
            }
        } else {
            for (int i = 0; i < n; i++) {
                doubles.put(i, v);
            }
        }
    }

    /** Copies {@code other} (same length) into this matrix. */
    public void copyFrom(Matrix other) {
        requireSameLength(other, "copy");
        int n = length();
        if (floats != null && other.floats != null) {
            for (int i = 0; i < n; i++) {
                floats.put(i, other.floats.get(i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                set(i, other.get(i));
            }
        }
    }

    /** Copies row {@code fromRow} of {@code other} (same column count) into row {@code toRow}. */
    public void copyRow(Matrix other, int fromRow, int toRow) {
        int base = toRow * cols;
        int src = fromRow * other.cols;
        if (floats != null && other.floats != null) {
            for (int j = 0; j < cols; j++) {
                floats.put(base + j, other.floats.get(src + j));
            }
        } else {
            for (int j = 0; j < cols; j++) {
                set(base + j, other.get(src + j));
            }
        }
    }

    /** The elements as doubles (a copy), for tests and small results. */
    public double[] toDoubleArray() {
        double[] out = new double[length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    public void requireShape(int r, int c, String what) {
        if (rows != r || cols != c) {
            throw new LvaException(what + ": expected " + r + " x " + c + ", got " + rows + " x " + cols);
        }
    }

    public boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    /** Fails unless {@code other} has this shape; {@code what} should be a constant (this runs every step). */
    public void requireSameShape(Matrix other, String what) {
        if (rows != other.rows || cols != other.cols) {
            throw new LvaException(what + ": shapes differ, " + rows + " x " + cols + " vs " + other.rows + " x "
                    + other.cols);
        }
    }

    private void requireSameLength(Matrix other, String what) {
        if (length() != other.length()) {
            throw new LvaException(what + ": lengths differ, " + length() + " vs " + other.length());
        }
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + " x " + cols + ", " + dataType() + "]";
    }
}
