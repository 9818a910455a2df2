package dev.lva.core.data;

import dev.lva.core.io.Npy;
import dev.lva.core.tensor.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' data files as datasets: {@code .csv} (through {@link CsvTable}) and {@code .npy} (through
 * {@link Npy}; 2-D, or 1-D as one column). Whatever the format, the result has at least one row and
 * one column and only finite numbers, or the error names the file and the place (line and column
 * for CSV, the element's index for .npy). A constant column is logged as a warning: scaling maps it
 * to 0 rather than 0/0.
 */
public final class DataFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DataFiles.class);

    private DataFiles() {
    }

    /**
     * How to read a file.
     *
     * @param header   whether a CSV file's first row names the columns (ignored for .npy)
     * @param columns  the columns to keep, by name or 0-based index; empty keeps all
     * @param dataType FLOAT or DOUBLE
     */
    public record Options(CsvTable.Header header, List<String> columns, DataType dataType) {
        public Options {
            Objects.requireNonNull(header, "header");
            columns = columns == null ? List.of() : List.copyOf(columns);
            if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
                throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, got " + dataType);
            }
        }

        /** Header detected, all columns, float32. */
        public static Options defaults() {
            return new Options(CsvTable.Header.AUTO, List.of(), DataType.FLOAT);
        }

        public Options withColumns(List<String> selected) {
            return new Options(header, selected, dataType);
        }
    }

    /** Reads a .csv or .npy file, chosen by its extension. */
    public static Dataset read(Path file, Options options) {
        if (isCsv(file)) {
            return CsvTable.read(file, options.header()).numeric(options.columns(), options.dataType());
        }
        return readNpy(file, options, -1);
    }

    /**
     * Reads a file for a model trained on the columns named {@code trained}, in the model's order, so
     * that each column reaches the input it was trained as. A file whose columns have the model's
     * names gives those columns, in the model's order, wherever they stand in the file (names x0, x1,
     * ... count: a .npy array's, or a CSV file's without a header). A CSV header that lacks any of
     * them is refused with both lists: its columns are not the model's. Any other file (no header,
     * names the model does not use) gives the columns {@code options} selects (all by default), in
     * the file's order; their count is the caller's to check.
     */
    public static Dataset readFor(Path file, Options options, List<String> trained) {
        return readFor(file, options, trained, 0);
    }

    /**
     * As {@link #readFor(Path, Options, List)}, the first {@code limit} rows (0 for all). A .npy file
     * is read no further than those rows, so {@code --limit} on a large file costs only what is used;
     * a CSV file is parsed whole (its rows have no fixed length) and then cut.
     */
    public static Dataset readFor(Path file, Options options, List<String> trained, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
        Dataset ds = readFor(file, options, trained, limit == 0 ? -1L : limit);
        return limit == 0 || limit >= ds.rows() ? ds : ds.rows(java.util.stream.IntStream.range(0, limit).toArray());
    }

    private static Dataset readFor(Path file, Options options, List<String> trained, long limit) {
        if (trained.isEmpty()) {
            return isCsv(file) ? read(file, options) : readNpy(file, options, limit);
        }
        if (isCsv(file)) {
            CsvTable table = CsvTable.read(file, options.header());
            List<String> names = table.columnNames();
            List<String> missing = Columns.missing(trained, names);
            if (missing.isEmpty()) {
                return table.numeric(trained, options.dataType());
            }
            if (table.hasHeader()) {
                throw new DataException(file + ": the model's columns are " + Columns.list(trained) + ", the file's"
                        + " header names " + Columns.list(names) + "; missing: " + Columns.list(missing));
            }
            return table.numeric(options.columns(), options.dataType());
        }
        Dataset all = readNpy(file, options.withColumns(List.of()), limit);
        if (Columns.missing(trained, all.columns()).isEmpty()) {
            int[] at = trained.stream().mapToInt(all.columns()::indexOf).toArray();
            return all.select(at);
        }
        return options.columns().isEmpty() ? all : all.select(resolve(file, all, options.columns()));
    }

    /** Whether the file is read as CSV (else as .npy); an error for a missing file, a folder or another type. */
    private static boolean isCsv(Path file) {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a data file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return true;
        }
        if (name.endsWith(".npy")) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        throw new DataException(file + ": unsupported file type '" + (dot < 0 ? name : name.substring(dot))
                + "' (use .csv or .npy)");
    }

    /** A .npy table, its first {@code limit} rows (all when negative). */
    private static Dataset readNpy(Path file, Options options, long limit) {
        int rank = ImageFiles.npyHeader(file).shape().length;
        if (rank == 0 || rank > 4) {
            throw new DataException(ImageFiles.ranks(file, ImageFiles.npyHeader(file).shape()));
        }
        INDArray raw = Npy.readRows(file, limit, 1, 2);
        INDArray x = raw.rank() == 1 ? raw.reshape(raw.length(), 1) : raw;
        if (x.rows() == 0) {
            throw new DataException(file + ": the array has no rows (shape " + Npy.shapeString(raw.shape()) + ")");
        }
        if (x.columns() == 0) {
            throw new DataException(file + ": the array has no columns (shape " + Npy.shapeString(raw.shape()) + ")");
        }
        requireFinite(file, x, options.dataType());
        Dataset all = new Dataset(x.castTo(options.dataType()));
        Dataset selected = options.columns().isEmpty() ? all : all.select(resolve(file, all, options.columns()));
        warnConstantColumns(file.toString(), selected);
        return selected;
    }

    /** Column names (x0, x1, ...) or 0-based indices. */
    private static int[] resolve(Path file, Dataset d, List<String> columns) {
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            String c = columns.get(i).strip();
            int index = d.columns().indexOf(c);
            if (index < 0 && c.matches("\\d{1,9}")) {
                index = Integer.parseInt(c);
                if (index >= d.cols()) {
                    throw new DataException(file + ": column index " + index + " is out of range; the array has "
                            + d.cols() + " columns");
                }
            }
            if (index < 0) {
                throw new DataException(file + ": no column '" + c + "'; a .npy array's columns are 0.."
                        + (d.cols() - 1) + " or " + d.columns().get(0) + ".." + d.columns().get(d.cols() - 1));
            }
            out[i] = index;
        }
        Columns.requireDistinct(file.toString(), out, columns, d.columns());
        return out;
    }

    /**
     * Fails at the first value that is not finite or, the data being read as float32, does not fit
     * float32: too large, or not 0 but so small that float32 would hold it as 0.
     */
    private static void requireFinite(Path file, INDArray x, DataType target) {
        // one pass over the data in place: ND4J's isNaN/isInfinite would allocate full-size masks
        Matrix m = Matrix.copyOf(x, x.dataType());
        boolean narrowing = target == DataType.FLOAT && x.dataType() != DataType.FLOAT;
        double max = narrowing ? Float.MAX_VALUE : Double.MAX_VALUE;
        int cols = m.cols();
        for (int i = 0; i < m.length(); i++) {
            double v = m.get(i);
            double a = Math.abs(v);
            if (!(a <= max) || (narrowing && v != 0 && (float) v == 0)) {
                int r = i / cols;
                int c = i % cols;
                throw new DataException(file + ": the value at [" + r + ", " + c + "] (row " + (r + 1) + ", column "
                        + (c + 1) + ") is " + v + (!Double.isFinite(v) ? "; the data must be finite"
                        : a > max ? ", too large for float32"
                        : ", which underflows float32: it is not 0 but smaller than the smallest float32 (1.4e-45)"
                                + " and would be read as 0"));
            }
        }
    }

    /** Logs the columns whose values are all equal (scalers map them to 0). */
    static void warnConstantColumns(String source, Dataset d) {
        if (d.rows() < 2) {
            return;
        }
        INDArray range = d.features().max(0).sub(d.features().min(0));
        List<String> constant = new ArrayList<>();
        for (int j = 0; j < range.length(); j++) {
            if (range.getDouble(j) == 0) {
                constant.add((j + 1) + " (" + d.columns().get(j) + ")");
            }
        }
        if (!constant.isEmpty()) {
            LOG.warn("{}: column{} {} constant; scaling maps {} to 0", source, constant.size() == 1 ? "" : "s",
                    String.join(", ", constant) + (constant.size() == 1 ? " is" : " are"),
                    constant.size() == 1 ? "it" : "them");
        }
    }
}
