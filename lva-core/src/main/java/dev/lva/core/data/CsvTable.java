package dev.lva.core.data;

import dev.lva.api.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV file (parsed by Apache Commons CSV), turned into numbers column by column so that a bad cell
 * is reported with its file, line and column, and a non-numeric column the user did not select (a
 * label, a split marker) does no harm. A number is what {@link CsvNumber} says a CSV user means by one.
 *
 * <p>Cells are held as numbers where they are plain numbers in float32's range (8 bytes a cell), and
 * as text only where they are not (labels, bad cells, values that only float64 can hold): a table of
 * strings would take some 60 bytes a cell, 380 MB for 200,000 rows of 32 columns.
 */
public final class CsvTable {
    private static final Logger LOG = LoggerFactory.getLogger(CsvTable.class);
    /** How much of a cell an error message shows. */
    static final int SHOWN_CHARS = 40;

    /** Whether the first row names the columns. */
    public enum Header { AUTO, PRESENT, ABSENT }

    private final String source;
    private final List<String> names;
    private final boolean header;
    private final int width;
    private final int rows;
    /** Row-major cell values; a cell held as text has NaN here. */
    private final double[] values;
    /** Per column, null when every cell is a number, else the cells that are not (null where they are). */
    private final String[][] text;
    private final long[] lines;

    private CsvTable(String source, List<String> names, boolean header, Cells cells) {
        this.source = source;
        this.names = names;
        this.header = header;
        this.width = names.size();
        this.rows = cells.rows;
        this.values = cells.values;
        this.text = cells.text;
        this.lines = cells.lines;
    }

    /**
     * Reads a file. With {@link Header#AUTO} the first row is a header when any of its cells is not
     * a number. Every row must have as many cells as the first.
     */
    public static CsvTable read(Path file, Header header) {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // a byte-order mark would otherwise glue itself to the first cell and turn a numeric first
            // row into a "header"
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return parse(file.toString(), reader, header);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new DataException(file + ": not UTF-8 text (is it a CSV file?)", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads CSV text; {@code source} names it in messages. */
    public static CsvTable parse(String source, Reader reader, Header header) throws IOException {
        // not Commons CSV's trim: it is String.trim, which also strips NUL and every other control character
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        Cells cells = null;
        List<String> names = null;
        long firstLine = 0;
        long[] lastLine = {1};
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            long line = 1;
            for (CSVRecord record : parser) {
                long thisLine = line;
                line = parser.getCurrentLineNumber() + 1;
                lastLine[0] = line;
                String[] row = record.values();
                for (int j = 0; j < row.length; j++) {
                    row[j] = row[j].strip();
                }
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (cells == null) {
                    cells = new Cells(source, row.length);
                    firstLine = thisLine;
                    boolean isHeader = header == Header.PRESENT
                            || (header == Header.AUTO && anyNonNumeric(row));
                    if (isHeader) {
                        names = List.of(row);
                        continue;
                    }
                } else if (row.length != cells.width) {
                    throw new DataException(source + ":" + thisLine + ": row has " + row.length + " cells, expected "
                            + cells.width + " as on line " + firstLine);
                }
                cells.add(row, thisLine);
            }
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DataException(source + ":" + lastLine[0] + ": not UTF-8 text (is it a CSV file?)", e);
            }
            throw new DataException(source + ":" + lastLine[0] + ": not valid CSV: " + e.getCause().getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new DataException(source + ":" + lastLine[0] + ": not valid CSV: " + e.getMessage(), e);
        }
        if (cells == null) {
            throw new DataException(source + ": the file is empty");
        }
        if (cells.rows == 0) {
            throw new DataException(source + ": the file has a header but no data rows");
        }
        boolean named = names != null;
        if (!named) {
            List<String> generated = new ArrayList<>();
            for (int j = 0; j < cells.width; j++) {
                generated.add("x" + j);
            }
            names = generated;
        }
        return new CsvTable(source, Collections.unmodifiableList(names), named, cells);
    }

    private static boolean anyNonNumeric(String[] cells) {
        for (String c : cells) {
            if (!CsvNumber.isNumber(c)) {
                return true;
            }
        }
        return false;
    }

    public String source() {
        return source;
    }

    /** The header's names, or x0, x1, ... when the file has no header. */
    public List<String> columnNames() {
        return names;
    }

    /** Whether the column names come from the file's header (else they are x0, x1, ...). */
    public boolean hasHeader() {
        return header;
    }

    public int rowCount() {
        return rows;
    }

    /**
     * Column indices for names or 0-based indices; an empty list means all columns. A name that
     * does not exist is an error listing the names that do; so is a name the header gives to two
     * columns, and a column selected twice.
     */
    public int[] resolve(List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            int[] all = new int[width];
            Arrays.setAll(all, j -> j);
            return all;
        }
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            String c = columns.get(i).strip();
            int index = names.indexOf(c);
            if (index >= 0 && names.lastIndexOf(c) != index) {
                throw new DataException(source + ": column name '" + c + "' is ambiguous: the header gives it to"
                        + " columns " + positions(c) + "; rename them, or select by 0-based index");
            }
            if (index < 0 && c.matches("\\d{1,9}")) {
                index = Integer.parseInt(c);
                if (index >= width) {
                    throw new DataException(source + ": column index " + index + " is out of range; the file has "
                            + width + " columns");
                }
            }
            if (index < 0) {
                throw new DataException(source + ": no column named " + Messages.quote(c) + "; columns are "
                        + Columns.list(names));
            }
            out[i] = index;
        }
        Columns.requireDistinct(source, out, columns, names);
        return out;
    }

    /** The selected columns as a numeric dataset; every cell must be a finite number that fits {@code type}. */
    public Dataset numeric(List<String> columns, DataType type) {
        int[] idx = resolve(columns);
        List<String> selected = new ArrayList<>();
        for (int j : idx) {
            if (selected.contains(names.get(j))) {
                throw new DataException(source + ": the header names two columns '" + names.get(j) + "' (columns "
                        + positions(names.get(j)) + "); rename one, or select columns by 0-based index");
            }
            selected.add(names.get(j));
        }
        boolean f32 = type == DataType.FLOAT;
        if (!f32 && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("type must be FLOAT or DOUBLE, got " + type);
        }
        int k = idx.length;
        long size = (long) rows * k;
        if (size > Integer.MAX_VALUE) {
            throw new DataException(source + ": " + rows + " rows of " + k + " columns are more than "
                    + Integer.MAX_VALUE + " values");
        }
        float[] floats = f32 ? new float[(int) size] : null;
        double[] doubles = f32 ? null : new double[(int) size];
        double[] min = new double[k];
        double[] max = new double[k];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            int j = idx[c];
            String[] cellText = text[j];
            for (int r = 0; r < rows; r++) {
                double v = cellText != null && cellText[r] != null ? textValue(cellText[r], r, j, f32)
                        : values[r * width + j];
                int at = r * k + c;
                if (f32) {
                    floats[at] = (float) v;
                } else {
                    doubles[at] = v;
                }
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
            }
        }
        long[] shape = {rows, k};
        INDArray x = f32 ? Nd4j.create(floats, shape, 'c') : Nd4j.create(doubles, shape, 'c');
        warnConstantColumns(min, max, selected);
        return new Dataset(x, selected);
    }

    /** The value of a cell held as text, or the error that says why it is not one. */
    private double textValue(String cell, int r, int j, boolean f32) {
        int kind = CsvNumber.classify(cell);
        String where = source + ":" + lines[r] + ": column " + (j + 1) + " (" + names.get(j) + ")";
        if (kind == CsvNumber.TEXT) {
            throw new DataException(where + (cell.isEmpty() ? ": the cell is empty" : ": " + show(cell)
                    + " is not a number"));
        }
        if (kind == CsvNumber.NON_FINITE) {
            throw new DataException(where + ": value " + cut(cell) + " is not finite");
        }
        double v = CsvNumber.value(cell, kind);
        String typeName = f32 ? "float32" : "float64";
        if (Double.isInfinite(v) || (f32 && Math.abs(v) > Float.MAX_VALUE)) {
            throw new DataException(where + ": value " + cut(cell) + " is too large for " + typeName);
        }
        // float32 rounds values from half its smallest (1.4e-45) up to that smallest; numpy writes it as 1e-45
        if (kind == CsvNumber.NONZERO && (f32 ? (float) v == 0 : v == 0)) {
            throw new DataException(where + ": value " + cut(cell) + " underflows " + typeName + ": it is not 0 but"
                    + " smaller than the smallest " + typeName + " (" + (f32 ? "1.4e-45" : "4.9e-324")
                    + ") and would be read as 0");
        }
        return v;
    }

    /**
     * One column's cells as text (a label or split marker). Cells that are numbers come back in a
     * plain spelling, not as the file wrote them: integers without a decimal point ({@code 3}), other
     * values as Java prints a double.
     */
    public List<String> strings(String column) {
        int j = resolve(List.of(column))[0];
        List<String> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            if (text[j] != null && text[j][r] != null) {
                out.add(text[j][r]);
            } else {
                double v = values[r * width + j];
                out.add(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
            }
        }
        return out;
    }

    /** A cell as an error message shows text: quoted, control characters escaped, cut to a sane length. */
    static String show(String cell) {
        return "'" + escaped(cell) + "'" + cutNote(cell);
    }

    /** A number's cell as an error message shows it: control characters escaped, cut to a sane length. */
    static String cut(String cell) {
        return escaped(cell) + cutNote(cell);
    }

    private static String escaped(String cell) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(cell.length(), SHOWN_CHARS);
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c == 0) {
                sb.append("\\0");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String cutNote(String cell) {
        return cell.length() > SHOWN_CHARS ? " (cut; the cell has " + cell.length() + " characters)" : "";
    }

    private String positions(String name) {
        List<String> at = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            if (names.get(j).equals(name)) {
                at.add(Integer.toString(j + 1));
            }
        }
        return String.join(" and ", at);
    }

    private void warnConstantColumns(double[] min, double[] max, List<String> selected) {
        if (rows < 2) {
            return;
        }
        for (int j = 0; j < min.length; j++) {
            if (min[j] == max[j]) {
                LOG.warn("{}: column {} ({}) is constant", source, j + 1, selected.get(j));
            }
        }
    }

    /** The cells while a file is read: numbers in a growing array, the rest as text. */
    private static final class Cells {
        final String source;
        final int width;
        int rows;
        double[] values;
        String[][] text;
        long[] lines;

        Cells(String source, int width) {
            this.source = source;
            this.width = width;
            this.values = new double[width * 16];
            this.text = new String[width][];
            this.lines = new long[16];
        }

        void add(String[] row, long line) {
            if (rows == lines.length) {
                grow();
            }
            int base = rows * width;
            for (int j = 0; j < width; j++) {
                String cell = row[j];
                int kind = CsvNumber.classify(cell);
                double v = kind == CsvNumber.ZERO || kind == CsvNumber.NONZERO ? CsvNumber.value(cell, kind) : 0;
                // held as a number only when it is one float32 can hold as it is; the rest is judged when
                // the column is asked for, against the type it is asked for
                boolean plain = kind == CsvNumber.ZERO
                        || (kind == CsvNumber.NONZERO && Math.abs(v) >= Float.MIN_VALUE && Math.abs(v) <= Float.MAX_VALUE);
                if (plain) {
                    values[base + j] = v;
                } else {
                    values[base + j] = Double.NaN;
                    if (text[j] == null) {
                        text[j] = new String[lines.length];
                    }
                    text[j][rows] = cell;
                }
            }
            lines[rows++] = line;
        }

        private void grow() {
            long capacity = Math.min((long) lines.length * 3 / 2 + 16, Integer.MAX_VALUE - 8);
            if (capacity * width > Integer.MAX_VALUE - 8) {
                throw new DataException(source + ": more than " + rows + " rows of " + width + " cells do not fit one array");
            }
            int cap = (int) capacity;
            values = Arrays.copyOf(values, cap * width);
            lines = Arrays.copyOf(lines, cap);
            for (int j = 0; j < width; j++) {
                if (text[j] != null) {
                    text[j] = Arrays.copyOf(text[j], cap);
                }
            }
        }
    }
}
