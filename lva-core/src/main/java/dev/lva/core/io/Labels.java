package dev.lva.core.io;

import dev.lva.core.data.CsvTable;
import dev.lva.core.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Class labels, one per data row, for downstream accuracy: read from an IDX label file (MNIST's
 * {@code *-labels-idx1-ubyte}, gzipped or not: a 1-D array of unsigned bytes), a .npy vector of
 * integers ({@code N} or {@code N x 1}; a float array is accepted when every value is a whole number,
 * as numpy saves labels that passed through a float array), or one column of a CSV file (whole
 * numbers, or names, which are numbered in sorted order). Every problem is an error naming the file
 * and what is wrong where: a label file of another rank, a value that is no whole number and its
 * index, trailing bytes (the IDX and .npy readers refuse them), a count that differs from the data's
 * rows ({@link #requireRows}).
 *
 * @param classes the label of each row
 * @param names   the class names of a CSV column of names, indexed by class; empty for numeric labels
 * @param source  where the labels came from, for messages
 */
public record Labels(int[] classes, List<String> names, String source) {

    /** Where Debian's {@code dataset-fashion-mnist} installs Fashion-MNIST's IDX files. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    public Labels {
        names = List.copyOf(names);
    }

    /**
     * Fashion-MNIST's labels where the package installs them: the 60,000 training labels, or the
     * 10,000 test labels (classes 0..9).
     */
    public static Labels fashionMnist(boolean train) {
        return readIdx(FASHION_MNIST.resolve(train ? "train-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte.gz"));
    }

    /** Labels given in code, e.g. those of a generated data set. */
    public static Labels of(int[] classes, String source) {
        return new Labels(classes.clone(), List.of(), source);
    }

    /** Reads an IDX or .npy label file, told apart by their first bytes. */
    public static Labels read(Path file) {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        if (isNpy(file)) {
            return readNpy(file);
        }
        if (Idx.looksLikeIdx(file)) {
            return readIdx(file);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new DataException(file + ": a CSV file of labels needs the column that holds them");
        }
        throw new DataException(file + ": not a label file lva reads: labels are an IDX file (as MNIST's"
                + " *-labels-idx1-ubyte, gzipped or not), a .npy vector of integers, or a CSV column");
    }

    /** Reads one column (a name in the header, or a 0-based index) of a CSV file. */
    public static Labels readCsv(Path file, String column) {
        CsvTable table = CsvTable.read(file, CsvTable.Header.AUTO);
        List<String> cells = table.strings(column);
        String source = file + ", column " + column;
        int[] classes = new int[cells.size()];
        double[] numbers = new double[cells.size()];
        boolean numeric = true;
        for (int i = 0; i < numbers.length && numeric; i++) {
            try {
                numbers[i] = Double.parseDouble(cells.get(i).strip());
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        if (numeric) {
            // a column of numbers is class numbers: 0.5 is a mistake, not a class name
            return new Labels(wholeNumbers(source, numbers), List.of(), source);
        }
        List<String> names = new ArrayList<>(new TreeSet<>(cells.stream().map(String::strip).toList()));
        for (int i = 0; i < classes.length; i++) {
            classes[i] = names.indexOf(cells.get(i).strip());
        }
        return new Labels(classes, names, source);
    }

    /** An IDX label file: rank 1 of unsigned bytes. */
    public static Labels readIdx(Path file) {
        Idx.Header h = Idx.readHeader(file);
        if (h.rank() != 1) {
            throw new DataException(file + ": labels are a 1-D IDX file; this one has shape " + Idx.dims(h.shape())
                    + (h.rank() >= 3 ? " (images? the labels are the *-labels-idx1-ubyte file)" : ""));
        }
        INDArray a = Idx.read(file, -1);
        return new Labels(wholeNumbers(file.toString(), a.castTo(DataType.DOUBLE).toDoubleVector()), List.of(),
                file.toString());
    }

    /** A .npy vector ({@code N} or {@code N x 1}) of integers, or of floats that are all whole numbers. */
    public static Labels readNpy(Path file) {
        INDArray a = Npy.read(file, 1, 2);
        if (a.rank() == 2 && a.columns() != 1) {
            throw new DataException(file + ": labels are a vector (N or N x 1); this .npy array has shape "
                    + Npy.shapeString(a.shape()));
        }
        double[] v = a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
        return new Labels(wholeNumbers(file.toString(), v), List.of(), file.toString());
    }

    private static int[] wholeNumbers(String source, double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v == Math.rint(v)) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new DataException(source + ": label " + i + " is " + v + ", not a whole number that fits an"
                        + " int; labels are class numbers");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static boolean isNpy(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(6);
            return b.length == 6 && (b[0] & 0xff) == 0x93 && b[1] == 'N' && b[2] == 'U' && b[3] == 'M' && b[4] == 'P'
                    && b[5] == 'Y';
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The number of labels. */
    public int size() {
        return classes.length;
    }

    /** The distinct classes, sorted. */
    public int[] distinct() {
        return Arrays.stream(classes).distinct().sorted().toArray();
    }

    /** Refuses labels whose count is not the data's row count, naming both. */
    public Labels requireRows(long rows, String data) {
        if (classes.length != rows) {
            throw new DataException(source + ": " + classes.length + " labels, but " + data + " has " + rows
                    + " rows; give one label per row");
        }
        return this;
    }

    /** The labels of the given rows, in their order (the rows a data set kept, say). */
    public Labels rows(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = classes[rows[i]];
        }
        return new Labels(out, names, source);
    }
}
