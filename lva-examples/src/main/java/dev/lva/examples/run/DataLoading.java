package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/** Reads a user's data file by its extension. */
final class DataLoading {
    private DataLoading() {
    }

    static Dataset read(Path file, List<String> columns, CsvTable.Header header, DataType type) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return CsvTable.read(file, header).numeric(columns, type);
        }
        throw new LvaException(file + ": unknown data format; lva reads .csv and .npy files");
    }
}
