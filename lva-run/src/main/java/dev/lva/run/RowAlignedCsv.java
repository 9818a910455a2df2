package dev.lva.run;

import dev.lva.api.LvaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A CSV file whose rows pair with another file's rows (the labels or true parameters of the data,
 * or the data they pair with). The CSV reader skips blank lines, which is harmless in one file but
 * shifts every row after a blank line against the other file: label i would silently become row i+1's.
 * So a blank line between rows is refused; blank lines after the last row are not rows and pass.
 */
final class RowAlignedCsv {
    private RowAlignedCsv() {
    }

    /** Refuses a blank line before {@code file}'s last non-blank line, naming {@code option} and the line. */
    static void requireNoBlankRows(Path file, String option) {
        if (file == null || file.getFileName() == null
                || !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") || !Files.isRegularFile(file)) {
            return; // not a CSV, or missing: the reader names that
        }
        long firstBlank = 0;
        long line = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                if (s.strip().isEmpty()) {
                    firstBlank = firstBlank == 0 ? line : firstBlank;
                } else if (firstBlank != 0) {
                    throw new LvaException(option + " " + file + ":" + firstBlank + ": a blank line among the rows;"
                            + " each row pairs with a row of the data, so a missing one would shift every row after"
                            + " it. Fill it in or remove the row here and in the data");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return; // not UTF-8 text or unreadable: the CSV reader says which
        }
    }
}
