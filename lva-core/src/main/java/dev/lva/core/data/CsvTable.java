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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV file as text cells (parsed by Apache Commons CSV), turned into numbers column by column
 * so that a bad cell is reported with its file, line and column, and a non-numeric column the user
 * did not select (a label, a split marker) does no harm.
 */
public final class CsvTable {
    private static final Logger LOG = LoggerFactory.getLogger(CsvTable.class);

    /** Whether the first row names the columns. */
    public enum Header { AUTO, PRESENT, ABSENT }

    private final String source;
    private final List<String> names;
    private final List<String[]> rows;
    private final List<Long> lines;

    private CsvTable(String source, List<String> names, List<String[]> rows, List<Long> lines) {
        this.source = source;
        this.names = names;
        this.rows = rows;
        this.lines = lines;
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
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<String> names = null;
        int width = -1;
        long firstLine = 0;
        long[] lastLine = {1};
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            long line = 1;
            for (CSVRecord record : parser) {
                long thisLine = line;
                line = parser.getCurrentLineNumber() + 1;
                lastLine[0] = line;
                String[] cells = record.values();
                if (cells.length == 1 && cells[0].isEmpty()) {
                    continue;
                }
                if (width < 0) {
                    width = cells.length;
                    firstLine = thisLine;
                    boolean isHeader = header == Header.PRESENT
                            || (header == Header.AUTO && anyNonNumeric(cells));
                    if (isHeader) {
                        names = List.of(cells);
                        continue;
                    }
                } else if (cells.length != width) {
                    throw new DataException(source + ":" + thisLine + ": row has " + cells.length + " cells, expected "
                            + width + " as on line " + firstLine);
                }
                rows.add(cells);
                lines.add(thisLine);
            }
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DataException(source + ":" + lastLine[0] + ": not UTF-8 text (is it a CSV file?)", e);
            }
            throw new DataException(source + ":" + lastLine[0] + ": not valid CSV: " + e.getCause().getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new DataException(source + ":" + lastLine[0] + ": not valid CSV: " + e.getMessage(), e);
        }
        if (width < 0) {
            throw new DataException(source + ": the file is empty");
        }
        if (rows.isEmpty()) {
            throw new DataException(source + ": the file has a header but no data rows");
        }
        if (names == null) {
            List<String> generated = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                generated.add("x" + j);
            }
            names = generated;
        }
        return new CsvTable(source, Collections.unmodifiableList(names), rows, lines);
    }

    private static boolean anyNonNumeric(String[] cells) {
        for (String c : cells) {
            if (parseNumber(c) == null) {
                return true;
            }
        }
        return false;
    }

    /** A number, or null; accepts nan/inf spellings so that they can be reported as non-finite. */
    private static Double parseNumber(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return null;
        }
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String source() {
        return source;
    }

    public List<String> columnNames() {
        return names;
    }

    public int rowCount() {
        return rows.size();
    }

    /**
     * Column indices for names or 0-based indices; an empty list means all columns. A name that
     * does not exist is an error listing the names that do.
     */
    public int[] resolve(List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            int[] all = new int[names.size()];
            for (int j = 0; j < all.length; j++) {
                all[j] = j;
            }
            return all;
        }
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            String c = columns.get(i).strip();
            int index = names.indexOf(c);
            if (index < 0 && c.matches("\\d{1,9}")) {
                index = Integer.parseInt(c);
                if (index >= names.size()) {
                    throw new DataException(source + ": column index " + index + " is out of range; the file has "
                            + names.size() + " columns");
                }
            }
            if (index < 0) {
                throw new DataException(source + ": no column named " + Messages.quote(c) + "; columns are "
                        + Messages.shorten(names));
            }
            out[i] = index;
        }
        return out;
    }

    /** The selected columns as a numeric dataset; every cell must be a finite number. */
    public Dataset numeric(List<String> columns, DataType type) {
        int[] idx = resolve(columns);
        INDArray x = Nd4j.create(type, rows.size(), idx.length);
        List<String> selected = new ArrayList<>();
        for (int j : idx) {
            selected.add(names.get(j));
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r);
            for (int k = 0; k < idx.length; k++) {
                int j = idx[k];
                Double v = parseNumber(cells[j]);
                String where = source + ":" + lines.get(r) + ": column " + (j + 1) + " (" + names.get(j) + ")";
                if (v == null) {
                    throw new DataException(where + (cells[j].isEmpty() ? ": the cell is empty"
                            : ": " + Messages.quote(cells[j]) + " is not a number"));
                }
                if (!Double.isFinite(v)) {
                    throw new DataException(where + ": value " + Messages.shorten(cells[j]) + " is not finite");
                }
                if (type == DataType.FLOAT && Math.abs(v) > Float.MAX_VALUE) {
                    throw new DataException(where + ": value " + cells[j] + " is too large for float32");
                }
                x.putScalar(r, k, v);
            }
        }
        warnConstantColumns(x, selected);
        return new Dataset(x, selected);
    }

    /** One column's cells as text (a label or split marker). */
    public List<String> strings(String column) {
        int j = resolve(List.of(column))[0];
        List<String> out = new ArrayList<>(rows.size());
        for (String[] cells : rows) {
            out.add(cells[j]);
        }
        return out;
    }

    private void warnConstantColumns(INDArray x, List<String> selected) {
        if (x.rows() < 2) {
            return;
        }
        INDArray range = x.max(0).sub(x.min(0));
        for (int j = 0; j < range.length(); j++) {
            if (range.getDouble(j) == 0) {
                LOG.warn("{}: column {} ({}) is constant", source, j + 1, selected.get(j));
            }
        }
    }
}
