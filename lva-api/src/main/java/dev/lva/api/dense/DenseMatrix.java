package dev.lva.api.dense;

import dev.lva.api.LvaException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A row-major view of a float32 or float64 {@link INDArray} (the latent code, its gradient) with
 * direct element access, for plugins that loop over entries in Java.
 *
 * <p>Why: reading an array through ND4J ({@code toDoubleMatrix()}, {@code getDouble}, one op per
 * step) costs tens of microseconds to milliseconds per call on a 600 x 6 code, many times the
 * arithmetic of a penalty; this view reads and writes the array's own memory, as lva's built-in
 * penalties do. Writes go straight into the array.
 */
public final class DenseMatrix {
    private final INDArray array;
    private final int rows;
    private final int cols;
    private final DoubleBuffer doubles;
    private final FloatBuffer floats;

    private DenseMatrix(INDArray array, int rows, int cols) {
        this.array = array;
        this.rows = rows;
        this.cols = cols;
        long n = (long) rows * cols;
        if (array.dataType() == DataType.DOUBLE) {
            DoublePointer p = new DoublePointer(array.data().addressPointer());
            p.capacity(n);
            this.doubles = p.asBuffer();
            this.floats = null;
        } else if (array.dataType() == DataType.FLOAT) {
            FloatPointer p = new FloatPointer(array.data().addressPointer());
            p.capacity(n);
            this.floats = p.asBuffer();
            this.doubles = null;
        } else {
            throw new LvaException("DenseMatrix: lva computes in FLOAT or DOUBLE, got an array of " + array.dataType());
        }
    }

    /**
     * A view of {@code array}: rank 2 (or rank 1, as one row), C-ordered without gaps, float32 or
     * float64. The arrays lva hands a regularizer are all of this kind.
     */
    public static DenseMatrix of(INDArray array) {
        if (array == null) {
            throw new LvaException("DenseMatrix: array is null");
        }
        if (!isDenseRowMajor(array)) {
            throw new LvaException("DenseMatrix: expected a contiguous row-major (C order) array of rank 1 or 2, got shape "
                    + Arrays.toString(array.shape()) + " with strides " + Arrays.toString(array.stride())
                    + "; pass array.dup('c')");
        }
        if (array.length() > Integer.MAX_VALUE) {
            throw new LvaException("DenseMatrix: array of shape " + Arrays.toString(array.shape()) + " is too large");
        }
        int r = array.rank() == 1 ? 1 : (int) array.rows();
        int c = array.rank() == 1 ? (int) array.length() : (int) array.columns();
        return new DenseMatrix(array, r, c);
    }

    /**
     * Whether {@link #of} can view {@code a} without copying: float32 or float64, rank 1 or 2,
     * C-ordered without gaps.
     */
    public static boolean canView(INDArray a) {
        return (a.dataType() == DataType.DOUBLE || a.dataType() == DataType.FLOAT) && isDenseRowMajor(a);
    }

    private static boolean isDenseRowMajor(INDArray a) {
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

    /** The array this view reads and writes. */
    public INDArray array() {
        return array;
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

    /** Entry at row-major index {@code i} (row {@code i / cols()}, column {@code i % cols()}). */
    public double get(int i) {
        return doubles != null ? doubles.get(i) : floats.get(i);
    }

    public double get(int r, int c) {
        return get(r * cols + c);
    }

    public void set(int i, double v) {
        if (doubles != null) {
            doubles.put(i, v);
        } else {
            floats.put(i, (float) v);
        }
    }

    public void set(int r, int c, double v) {
        set(r * cols + c, v);
    }

    /** Adds {@code v} to the entry at row-major index {@code i}: how a penalty accumulates its gradient. */
    public void add(int i, double v) {
        if (doubles != null) {
            doubles.put(i, doubles.get(i) + v);
        } else {
            floats.put(i, (float) (floats.get(i) + v));
        }
    }

    public void add(int r, int c, double v) {
        add(r * cols + c, v);
    }

    /** Copies the entries, row-major, into {@code out} (at least {@link #length()} long). */
    public void copyTo(double[] out) {
        int n = length();
        if (out.length < n) {
            throw new LvaException("DenseMatrix.copyTo: " + n + " entries do not fit an array of " + out.length);
        }
        if (doubles != null) {
            doubles.get(0, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = floats.get(i);
            }
        }
    }

    /** The entries, row-major, as a new array. */
    public double[] toArray() {
        double[] out = new double[length()];
        copyTo(out);
        return out;
    }

    /** Adds {@code scale * values[i]} to every entry (values row-major, {@link #length()} long). */
    public void addScaled(double[] values, double scale) {
        int n = length();
        if (values.length < n) {
            throw new LvaException("DenseMatrix.addScaled: " + values.length + " values for " + n + " entries");
        }
        if (doubles != null) {
            for (int i = 0; i < n; i++) {
                doubles.put(i, doubles.get(i) + scale * values[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                floats.put(i, (float) (floats.get(i) + scale * values[i]));
            }
        }
    }

    public boolean sameShape(DenseMatrix other) {
        return rows == other.rows && cols == other.cols;
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + rows + " x " + cols + ", " + array.dataType() + "]";
    }
}
