package dev.lva.core.synth;

import dev.lva.api.io.AtomicFiles;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.DataException;
import dev.lva.core.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The true parameters of a data set whose generating parameters are known (synthetic images), one
 * row per data row, as {@code lva synth} writes them beside its images: a CSV with a header of the
 * parameters' names. What truth recovery regresses on the codes.
 *
 * @param names  the parameters' names
 * @param values one row per data row, a value per name
 * @param source where they came from, for messages
 */
public record TrueParameters(List<String> names, double[][] values, String source) {

    public TrueParameters {
        names = List.copyOf(names);
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != names.size()) {
                throw new DataException(source + ": row " + i + " has " + values[i].length + " values for "
                        + names.size() + " parameters " + names);
            }
        }
    }

    /** Every parameter of generated images, varied or not. */
    public static TrueParameters of(SyntheticImages images) {
        List<String> names = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
            names.add(p.key());
        }
        return new TrueParameters(names, images.parameters(), "synthetic images (seed " + images.seed() + ")");
    }

    /** A CSV file whose header names the parameters and whose every cell is a number. */
    public static TrueParameters read(Path csv) {
        CsvTable table = CsvTable.read(csv, CsvTable.Header.PRESENT);
        // a file without a header would lose its first row to one, shifting every row against the data
        if (table.columnNames().stream().allMatch(TrueParameters::isNumber)) {
            throw new DataException(csv + ": the first line " + table.columnNames() + " is numbers, not a header;"
                    + " true parameters need a first line of their names (as lva synth writes parameters.csv)");
        }
        Dataset d = table.numeric(List.of(), DataType.DOUBLE);
        return new TrueParameters(table.columnNames(), d.features().toDoubleMatrix(), csv.toString());
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Writes the CSV {@link #read} reads, atomically. */
    public void write(Path csv) throws IOException {
        StringBuilder s = new StringBuilder(String.join(",", names)).append('\n');
        for (double[] row : values) {
            for (int j = 0; j < row.length; j++) {
                s.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", row[j]));
            }
            s.append('\n');
        }
        AtomicFiles.write(csv, s.toString());
    }

    /**
     * Only the parameters that vary over the rows: a constant one has nothing to recover (its R^2 is
     * undefined), and its count is no part of the true dimension.
     */
    public TrueParameters varying() {
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            for (double[] row : values) {
                if (row[j] != values[0][j]) {
                    keep.add(j);
                    break;
                }
            }
        }
        double[][] v = new double[values.length][keep.size()];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < keep.size(); k++) {
                v[i][k] = values[i][keep.get(k)];
            }
        }
        return new TrueParameters(keep.stream().map(names::get).toList(), v, source);
    }

    /** Refuses parameters whose row count is not the data's, naming both. */
    public TrueParameters requireRows(long rows, String data) {
        if (values.length != rows) {
            throw new DataException(source + ": true parameters for " + values.length + " rows, but " + data
                    + " has " + rows + " rows");
        }
        return this;
    }
}
