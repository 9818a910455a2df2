package dev.lva.examples.sweep;

import dev.lva.core.data.Dataset;
import dev.lva.core.data.Scaler;
import dev.lva.examples.run.RunData;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sweep's data as it travels to the machines that train: the values as read (a table before
 * scaling, or images {@code N x C x H x W} already padded or cropped and limited as the run says), in
 * the precision of the runs, with their shape, the column names and where they came from. Plain
 * arrays, so that the executors need neither the file nor a shared disk, and a run sees the very bits
 * {@code lva fit} would have read.
 *
 * @param source  the data's source as {@code lva fit} records it (the file's absolute path on the driver)
 * @param columns the column names (of a table; an image's pixels have names too, one per value)
 * @param shape   the data set's shape: {@code rows x columns} for a table, {@code N x C x H x W} for images
 * @param floats  the values in row-major order when the runs compute in float32, else null
 * @param doubles the values in row-major order when the runs compute in float64, else null
 */
public record SweepData(String source, List<String> columns, long[] shape, float[] floats, double[] doubles)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;
    /** How a data set inside the jar is named, as the command line and checkpoints write it. */
    public static final String BUILT_IN = "builtin:";

    public SweepData {
        columns = List.copyOf(columns);
        shape = shape.clone();
        if ((floats == null) == (doubles == null)) {
            throw new IllegalArgumentException("sweep data holds float32 or float64 values, one of them");
        }
        if (shape.length != 2 && shape.length != 4) {
            throw new IllegalArgumentException("sweep data is a table (rows x columns) or images (N x C x H x W), not "
                    + Arrays.toString(shape));
        }
        long perRow = 1;
        for (int i = 1; i < shape.length; i++) {
            perRow *= shape[i];
        }
        long length = floats != null ? floats.length : doubles.length;
        if (shape[0] < 1 || length != shape[0] * perRow || columns.size() != perRow) {
            throw new IllegalArgumentException("sweep data: " + length + " values and " + columns.size()
                    + " column names for the shape " + Arrays.toString(shape));
        }
    }

    /** A table of {@code rows} rows of {@code columns}. */
    public SweepData(String source, List<String> columns, int rows, float[] floats, double[] doubles) {
        this(source, columns, new long[] {rows, columns.size()}, floats, doubles);
    }

    /** The data as read of {@code data} (unscaled rows, which a run scales again with its own scaler). */
    public static SweepData of(RunData data) {
        INDArray x = data.dataset().features();
        INDArray c = x.dup('c');
        return x.dataType() == DataType.DOUBLE
                ? new SweepData(data.source(), data.dataset().columns(), x.shape(), null, c.data().asDouble())
                : new SweepData(data.source(), data.dataset().columns(), x.shape(), c.data().asFloat(), null);
    }

    /**
     * Reads the data a run of {@code config} trains on, as {@code lva fit} does ({@code builtin:NAME}
     * for the jar's; images padded or cropped to {@code --pad-to}, the first {@code --limit}).
     */
    public static SweepData load(dev.lva.examples.run.RunConfig config) {
        DataType type = config.precision().dataType();
        String file = config.data() == null ? null : config.data().toString();
        // RunData.load reads builtin:NAME too, with --limit, as lva fit does
        RunData data = RunData.load(config, type);
        return of(data);
    }

    public DataType dataType() {
        return floats != null ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** Rows (images) in the data set. */
    public int rows() {
        return (int) shape[0];
    }

    /** Whether the data are images ({@code N x C x H x W}). */
    public boolean images() {
        return shape.length == 4;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** {@code 500 x 3}, {@code 240 x 1 x 16 x 16}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder();
        for (long s : shape) {
            sb.append(sb.length() == 0 ? "" : " x ").append(s);
        }
        return sb.toString();
    }

    /** A fresh copy of the data set (scalers may work in place). */
    public Dataset dataset() {
        INDArray x = floats != null ? Nd4j.create(floats.clone(), shape, 'c')
                : Nd4j.create(doubles.clone(), shape, 'c');
        return new Dataset(x, columns);
    }

    /**
     * The run's data as {@code lva fit} makes it from the file: a fresh run fits {@code scaler} on the
     * rows, a resumed one applies the one its checkpoint saved (null: no scaling); images are never
     * scaled.
     */
    public RunData runData(Scaler scaler, boolean fit) {
        return RunData.of(source, dataset(), scaler, fit);
    }
}
