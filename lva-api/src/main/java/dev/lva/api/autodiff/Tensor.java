package dev.lva.api.autodiff;

import dev.lva.api.LvaException;
import dev.lva.api.dense.Cholesky;
import java.util.function.DoubleUnaryOperator;

/**
 * A dense rows x cols matrix of doubles (row-major) that records how it was computed on a
 * {@link Tape}, so that {@link Tape#backward} can return the gradient of a scalar with respect to
 * the tape's variables. Constants ({@link #constant}, {@link #scalar}, {@link #eye}) have no tape.
 *
 * <p>Element-wise operations broadcast as NumPy does for matrices: a 1 x d row applies to every
 * row, an n x 1 column to every column, a 1 x 1 to every entry. Axis 0 reduces over rows (giving
 * a 1 x d row: per column), axis 1 over columns.
 */
public final class Tensor {
    /** Passes this node's gradient on to its inputs. */
    interface Backward {
        void propagate(double[] outputGradient);
    }

    private final Tape tape;
    private final int rows;
    private final int cols;
    private final double[] value;
    private final Backward backward;
    private double[] gradient;

    Tensor(Tape tape, int rows, int cols, double[] value, Backward backward) {
        this.tape = tape;
        this.rows = rows;
        this.cols = cols;
        this.value = value;
        this.backward = backward;
    }

    // ---- constants and access ----

    /** A constant (no gradient) holding a copy of {@code values}, row-major. */
    public static Tensor constant(int rows, int cols, double... values) {
        if (rows < 1 || cols < 1 || values.length != rows * cols) {
            throw new LvaException("Tensor.constant: " + values.length + " values for a " + rows + " x " + cols + " tensor");
        }
        return new Tensor(null, rows, cols, values.clone(), null);
    }

    public static Tensor scalar(double v) {
        return new Tensor(null, 1, 1, new double[] {v}, null);
    }

    /** The n x n identity. */
    public static Tensor eye(int n) {
        if (n < 1) {
            throw new LvaException("Tensor.eye: the size must be >= 1, got " + n);
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        return new Tensor(null, n, n, v, null);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int r, int c) {
        // checked per index: a flat index alone would let (0, cols) read (1, 0) silently
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new LvaException("Tensor.get: (" + r + ", " + c + ") is outside a " + rows + " x " + cols + " tensor");
        }
        return value[r * cols + c];
    }

    /** The value of a 1 x 1 tensor. */
    public double item() {
        if (rows != 1 || cols != 1) {
            throw new LvaException("Tensor.item: expected a 1 x 1 tensor, got " + rows + " x " + cols);
        }
        return value[0];
    }

    /** A copy of the values, row-major. */
    public double[] values() {
        return value.clone();
    }

    /**
     * The gradient accumulated by {@link Tape#backward}, row-major; zeros when the output does not
     * depend on this tensor. Shared, not a copy.
     */
    public double[] gradient() {
        return gradient != null ? gradient : new double[value.length];
    }

    Tape tape() {
        return tape;
    }

    /** Whether this is a constant: recorded on no tape, so no gradient flows through it. */
    public boolean isConstant() {
        return tape == null;
    }

    /** Whether this was recorded on a tape other than {@code t}: a result of another evaluation. */
    public boolean onOtherTape(Tape t) {
        return tape != null && tape != t;
    }

    double[] gradientBuffer() {
        if (gradient == null) {
            gradient = new double[value.length];
        }
        return gradient;
    }

    void useGradientBuffer(double[] buffer) {
        if (buffer.length != value.length) {
            throw new LvaException("Tensor: a gradient buffer of " + buffer.length + " for " + value.length + " entries");
        }
        gradient = buffer;
    }

    void propagate() {
        if (backward != null && gradient != null) {
            backward.propagate(gradient);
        }
    }

    private boolean tracked() {
        return tape != null;
    }

    /** Records a result computed from {@code inputs}: on their tape when one has a tape, else a constant. */
    private static Tensor result(int rows, int cols, double[] value, Backward backward, Tensor... inputs) {
        Tape t = null;
        for (Tensor in : inputs) {
            if (in.tape != null) {
                if (t != null && t != in.tape) {
                    throw new LvaException("Tensor: the operands were recorded on different tapes");
                }
                t = in.tape;
            }
        }
        return t == null ? new Tensor(null, rows, cols, value, null) : t.record(new Tensor(t, rows, cols, value, backward));
    }

    // ---- element-wise arithmetic, broadcasting ----

    private enum Arithmetic { ADD, SUB, MUL, DIV }

    public Tensor add(Tensor o) {
        return arithmetic(o, Arithmetic.ADD);
    }

    public Tensor sub(Tensor o) {
        return arithmetic(o, Arithmetic.SUB);
    }

    public Tensor mul(Tensor o) {
        return arithmetic(o, Arithmetic.MUL);
    }

    public Tensor div(Tensor o) {
        return arithmetic(o, Arithmetic.DIV);
    }

    public Tensor add(double s) {
        return add(scalar(s));
    }

    public Tensor sub(double s) {
        return sub(scalar(s));
    }

    public Tensor mul(double s) {
        return mul(scalar(s));
    }

    public Tensor div(double s) {
        return div(scalar(s));
    }

    public Tensor neg() {
        return mul(-1);
    }

    private Tensor arithmetic(Tensor o, Arithmetic op) {
        int r = broadcast(rows, o.rows, "rows", o);
        int c = broadcast(cols, o.cols, "columns", o);
        Tensor a = this;
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double x = a.value[a.at(i, j)];
                double y = o.value[o.at(i, j)];
                out[i * c + j] = switch (op) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                };
            }
        }
        return result(r, c, out, g -> {
            double[] ga = a.tracked() ? a.gradientBuffer() : null;
            double[] gb = o.tracked() ? o.gradientBuffer() : null;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    int ia = a.at(i, j);
                    int ib = o.at(i, j);
                    double gk = g[i * c + j];
                    double x = a.value[ia];
                    double y = o.value[ib];
                    if (ga != null) {
                        ga[ia] += switch (op) {
                            case ADD, SUB -> gk;
                            case MUL -> gk * y;
                            case DIV -> gk / y;
                        };
                    }
                    if (gb != null) {
                        gb[ib] += switch (op) {
                            case ADD -> gk;
                            case SUB -> -gk;
                            case MUL -> gk * x;
                            case DIV -> -gk * x / (y * y);
                        };
                    }
                }
            }
        }, a, o);
    }

    /** Index of entry (i, j) of a broadcast result in this tensor. */
    private int at(int i, int j) {
        return (rows == 1 ? 0 : i) * cols + (cols == 1 ? 0 : j);
    }

    private int broadcast(int mine, int theirs, String what, Tensor o) {
        if (mine == theirs || theirs == 1) {
            return mine;
        }
        if (mine == 1) {
            return theirs;
        }
        throw new LvaException("Tensor: cannot broadcast " + rows + " x " + cols + " with " + o.rows + " x " + o.cols
                + " (the " + what + " differ and neither is 1)");
    }

    // ---- element-wise functions ----

    /**
     * {@code f} applied to every entry, with {@code derivative} its derivative (as a function of the
     * entry): the way to add a function this class does not have.
     */
    public Tensor map(DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        double[] out = new double[value.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(value[i]);
        }
        Tensor a = this;
        return result(rows, cols, out, g -> {
            double[] ga = a.gradientBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * derivative.applyAsDouble(a.value[i]);
            }
        }, a);
    }

    public Tensor exp() {
        return map(Math::exp, Math::exp);
    }

    public Tensor log() {
        return map(Math::log, x -> 1 / x);
    }

    /** log(1 + x), accurate near 0. */
    public Tensor log1p() {
        return map(Math::log1p, x -> 1 / (1 + x));
    }

    public Tensor sqrt() {
        return map(Math::sqrt, x -> 0.5 / Math.sqrt(x));
    }

    public Tensor square() {
        return map(x -> x * x, x -> 2 * x);
    }

    public Tensor pow(double p) {
        return map(x -> Math.pow(x, p), x -> p * Math.pow(x, p - 1));
    }

    /** |x|, with the subgradient 0 at 0 (as PyTorch). */
    public Tensor abs() {
        return map(Math::abs, Math::signum);
    }

    /** log(1 + e^x), computed without overflow. */
    public Tensor softplus() {
        return map(x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), Tensor::sigmoid);
    }

    public Tensor sigmoid() {
        return map(Tensor::sigmoid, x -> {
            double s = sigmoid(x);
            return s * (1 - s);
        });
    }

    public Tensor tanh() {
        return map(Math::tanh, x -> {
            double t = Math.tanh(x);
            return 1 - t * t;
        });
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    // ---- reductions ----

    /** The sum of all entries (1 x 1). */
    public Tensor sum() {
        double s = 0;
        for (double v : value) {
            s += v;
        }
        Tensor a = this;
        return result(1, 1, new double[] {s}, g -> {
            double[] ga = a.gradientBuffer();
            for (int i = 0; i < ga.length; i++) {
                ga[i] += g[0];
            }
        }, a);
    }

    public Tensor mean() {
        return sum().div(value.length);
    }

    /** Sums over {@code axis}: 0 sums each column (1 x cols), 1 each row (rows x 1). */
    public Tensor sum(int axis) {
        requireAxis(axis);
        int r = axis == 0 ? 1 : rows;
        int c = axis == 0 ? cols : 1;
        double[] out = new double[r * c];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[axis == 0 ? j : i] += value[i * cols + j];
            }
        }
        Tensor a = this;
        return result(r, c, out, g -> {
            double[] ga = a.gradientBuffer();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    ga[i * cols + j] += g[axis == 0 ? j : i];
                }
            }
        }, a);
    }

    public Tensor mean(int axis) {
        requireAxis(axis);
        return sum(axis).div(axis == 0 ? rows : cols);
    }

    private void requireAxis(int axis) {
        if (axis != 0 && axis != 1) {
            throw new LvaException("Tensor: axis must be 0 (over rows) or 1 (over columns), got " + axis);
        }
    }

    // ---- statistics of a code (rows are samples) ----

    /** Per-column means (1 x cols). */
    public Tensor columnMean() {
        return mean(0);
    }

    /**
     * Per-column standard deviations with N - 1 (1 x cols), as PyTorch's {@code z.std(0)}; a column
     * with zero spread gets the subgradient 0 rather than NaN, as in PyTorch.
     */
    public Tensor columnStd() {
        requireRows(2, "columnStd");
        double[] mean = new double[cols];
        double[] std = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                mean[j] += value[i * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            mean[j] /= rows;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = value[i * cols + j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < cols; j++) {
            std[j] = Math.sqrt(std[j] / (rows - 1));
        }
        Tensor a = this;
        return result(1, cols, std, g -> {
            double[] ga = a.gradientBuffer();
            double[] k = new double[cols];
            for (int j = 0; j < cols; j++) {
                k[j] = std[j] > 0 ? g[j] / ((rows - 1) * std[j]) : 0;
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    ga[i * cols + j] += k[j] * (a.value[i * cols + j] - mean[j]);
                }
            }
        }, a);
    }

    /**
     * The cols x cols sample covariance of the columns, with N - 1: {@code S = C^T C / (N - 1)}, C
     * the centred code. One operation rather than centre, transpose and multiply, so that a
     * covariance penalty runs in one pass each way; its backward is {@code C (G + G^T) / (N - 1)}
     * (the centring drops out because the columns of C sum to zero).
     */
    public Tensor covariance() {
        requireRows(2, "covariance");
        int n = rows;
        int d = cols;
        double[] centred = new double[value.length];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += value[i * d + j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i * d + j] = value[i * d + j] - mean[j] / n;
            }
        }
        double[] cov = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double x = centred[i * d + a];
                for (int b = a; b < d; b++) {
                    cov[a * d + b] += x * centred[i * d + b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a * d + b] /= n - 1;
                cov[b * d + a] = cov[a * d + b];
            }
        }
        Tensor z = this;
        return result(d, d, cov, g -> {
            double[] sym = new double[d * d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    sym[a * d + b] = (g[a * d + b] + g[b * d + a]) / (n - 1);
                }
            }
            double[] gz = z.gradientBuffer();
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    double x = centred[i * d + a];
                    for (int b = 0; b < d; b++) {
                        gz[i * d + b] += x * sym[a * d + b];
                    }
                }
            }
        }, z);
    }

    private void requireRows(int least, String what) {
        if (rows < least) {
            throw new LvaException("Tensor." + what + " needs at least " + least + " rows, got " + rows);
        }
    }

    // ---- linear algebra ----

    public Tensor transpose() {
        double[] out = new double[value.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = value[i * cols + j];
            }
        }
        Tensor a = this;
        return result(cols, rows, out, g -> {
            double[] ga = a.gradientBuffer();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    ga[i * cols + j] += g[j * rows + i];
                }
            }
        }, a);
    }

    /** The matrix product this (n x k) times {@code o} (k x m). */
    public Tensor matmul(Tensor o) {
        if (cols != o.rows) {
            throw new LvaException("Tensor.matmul: " + rows + " x " + cols + " times " + o.rows + " x " + o.cols
                    + " (inner sizes differ)");
        }
        int n = rows;
        int k = cols;
        int m = o.cols;
        Tensor a = this;
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double x = a.value[i * k + p];
                for (int j = 0; j < m; j++) {
                    out[i * m + j] += x * o.value[p * m + j];
                }
            }
        }
        return result(n, m, out, g -> {
            if (a.tracked()) {
                // dA = G B^T
                double[] ga = a.gradientBuffer();
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < k; p++) {
                        double s = 0;
                        for (int j = 0; j < m; j++) {
                            s += g[i * m + j] * o.value[p * m + j];
                        }
                        ga[i * k + p] += s;
                    }
                }
            }
            if (o.tracked()) {
                // dB = A^T G
                double[] gb = o.gradientBuffer();
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < k; p++) {
                        double x = a.value[i * k + p];
                        for (int j = 0; j < m; j++) {
                            gb[p * m + j] += x * g[i * m + j];
                        }
                    }
                }
            }
        }, a, o);
    }

    /**
     * log det of a symmetric positive definite matrix, by Cholesky (1 x 1). Its gradient is the
     * inverse, which is the gradient of the symmetric function: right when the input is symmetric by
     * construction, as a covariance is.
     */
    public Tensor logdet() {
        if (rows != cols) {
            throw new LvaException("Tensor.logdet: expected a square matrix, got " + rows + " x " + cols);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < i; j++) {
                double x = value[i * cols + j];
                double y = value[j * cols + i];
                if (Math.abs(x - y) > 1e-12 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)))) {
                    throw new LvaException("Tensor.logdet: the matrix is not symmetric (entry " + i + "," + j + " is "
                            + x + ", entry " + j + "," + i + " is " + y + ")");
                }
            }
        }
        Cholesky chol = Cholesky.of(value, rows, "Tensor.logdet: the " + rows + " x " + cols + " matrix");
        Tensor a = this;
        return result(1, 1, new double[] {chol.logDeterminant()}, g -> {
            double[] inv = chol.inverse();
            double[] ga = a.gradientBuffer();
            for (int i = 0; i < inv.length; i++) {
                ga[i] += g[0] * inv[i];
            }
        }, a);
    }

    @Override
    public String toString() {
        return "Tensor[" + rows + " x " + cols + (tape == null ? ", constant]" : "]");
    }
}
