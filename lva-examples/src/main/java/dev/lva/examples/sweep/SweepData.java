package dev.lva.examples.sweep;

import dev.lva.core.data.Dataset;
import dev.lva.core.data.Scaler;
import dev.lva.examples.run.RunData;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sweep's data as it travels to the machines that train: the rows as read (before scaling), in the
 * precision of the runs, with the column names and where they came from. Plain arrays, so that the
 * executors need neither the file nor a shared disk, and a run sees the very bits {@code lva fit}
 * would have read.
 *
 * @param source  the data's source as {@code lva fit} records it (the file's absolute path on the driver)
 * @param columns the column names
 * @param rows    number of rows
 * @param floats  the values row by row when the runs compute in float32, else null
 * @param doubles the values row by row when the runs compute in float64, else null
 */
public record SweepData(String source, List<String> columns, int rows, float[] floats, double[] doubles)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** How a data set inside the jar is named, as the command line and checkpoints write it. */
    public static final String BUILT_IN = "builtin:";

    public SweepData {
        columns = List.copyOf(columns);
        if ((floats == null) == (doubles == null)) {
            throw new IllegalArgumentException("sweep data holds float32 or float64 values, one of them");
        }
        long length = floats != null ? floats.length : doubles.length;
        if (rows < 1 || length != (long) rows * columns.size()) {
            throw new IllegalArgumentException("sweep data: " + length + " values for " + rows + " rows of "
                    + columns.size() + " columns");
        }
    }

    /** The unscaled rows of {@code data}, which a run scales again with its own scaler. */
    public static SweepData of(RunData data) {
        INDArray x = data.dataset().features();
        int rows = (int) x.rows();
        INDArray c = x.dup('c');
        return x.dataType() == DataType.DOUBLE
                ? new SweepData(data.source(), data.dataset().columns(), rows, null, c.data().asDouble())
                : new SweepData(data.source(), data.dataset().columns(), rows, c.data().asFloat(), null);
    }

    /** Reads the data a run of {@code config} trains on, as {@code lva fit} does ({@code builtin:NAME} for the jar's). */
    public static SweepData load(dev.lva.examples.run.RunConfig config) {
        DataType type = config.precision().dataType();
        String file = config.data() == null ? null : config.data().toString();
        RunData data = file != null && file.startsWith(BUILT_IN)
                ? RunData.builtIn(file.substring(BUILT_IN.length()), config.columns(), config.scale(), type)
                : RunData.load(config, type);
        return of(data);
    }

    public DataType dataType() {
        return floats != null ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** A fresh copy of the table (scalers may work in place). */
    public Dataset dataset() {
        long[] shape = {rows, columns.size()};
        INDArray x = floats != null ? Nd4j.create(floats.clone(), shape, 'c')
                : Nd4j.create(doubles.clone(), shape, 'c');
        return new Dataset(x, columns);
    }

    /**
     * The run's data as {@code lva fit} makes it from the file: a fresh run fits {@code scaler} on the
     * rows, a resumed one applies the one its checkpoint saved (null: no scaling).
     */
    public RunData runData(Scaler scaler, boolean fit) {
        Dataset ds = dataset();
        INDArray scaled = scaler == null ? ds.features()
                : fit ? scaler.fitTransform(ds.features()) : scaler.transform(ds.features());
        return new RunData(source, ds, scaler, scaled);
    }
}
