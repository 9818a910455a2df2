package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.Scaler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's data: the table as read, the scaler fitted on it, and the scaled matrix the model sees.
 *
 * @param source where it came from, for messages and the report
 */
public record RunData(String source, Dataset dataset, Scaler scaler, INDArray scaled) {

    /** Reads a user's file and fits the configured scaler. */
    public static RunData load(RunConfig config, DataType type) {
        Path file = config.data();
        if (file == null) {
            throw new LvaException("no data: give --data FILE (.csv or .npy) or a 'data' entry in the config file");
        }
        Dataset ds = DataLoading.read(file, config.columns(), config.header(), type);
        return of(file.toString(), ds, config.scale().newScaler());
    }

    /** One of the data sets shipped inside the jar (data/README.md says where they come from). */
    public static RunData builtIn(String name, List<String> columns, Scaling scaling, DataType type) {
        return of("built-in " + name, builtInTable(name).numeric(columns, type), scaling.newScaler());
    }

    /** A built-in CSV as text cells, for its non-numeric columns (the toy data's split, the digits' label). */
    public static CsvTable builtInTable(String name) {
        String resource = "/dev/lva/examples/data/" + name;
        try (InputStream in = RunData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LvaException("built-in data set " + name + " is missing from the jar");
            }
            return CsvTable.parse("built-in " + name, new InputStreamReader(in, StandardCharsets.UTF_8),
                    CsvTable.Header.AUTO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunData of(String source, Dataset ds, Scaler scaler) {
        INDArray scaled = scaler == null ? ds.features() : scaler.fitTransform(ds.features());
        return new RunData(source, ds, scaler, scaled);
    }
}
