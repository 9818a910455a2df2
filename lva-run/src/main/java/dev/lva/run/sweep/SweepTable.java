package dev.lva.run.sweep;

import dev.lva.api.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code sweep.csv}: one row per run, in grid order. The grid's values as the user wrote them, then
 * the penalty, its weight and the seed, then how the run ended and its numbers. Numbers are written
 * in full ({@link Double#toString}), so that they read back to the same double. The LV paper's
 * metrics ({@link #PAPER}) come last.
 */
public final class SweepTable {
    /** The result columns, after {@code run} and the grid's own. */
    public static final List<String> RESULTS = List.of("penalty", "lambda", "seed", "status", "dims_explained",
            "dims_std", "reconstruction_mse", "loss_total", "loss_reconstruction", "loss_penalty", "steps", "converged",
            "seconds", "message", "data_digest");
    /**
     * The LV paper's metrics of each run ({@link PaperScores}), after {@link #RESULTS} so that a reader of
     * the earlier columns by position reads them as before; empty where the run has none.
     */
    public static final List<String> PAPER = List.of("importance_correlation", "mean_correlation", "principal_count",
            "principal_std_count", "lipschitz_bound", "knn_accuracy", "truth_r2_mean");

    private SweepTable() {
    }

    /** Writes the table atomically, without the runs' data digests. */
    public static void write(Path file, List<String> axes, List<RunRecord> records) {
        write(file, axes, records, run -> "");
    }

    /**
     * Writes the table atomically.
     *
     * @param dataOf the short digest of the data each run trained on, by run name ({@code data_digest}: a
     *               sweep that went on after its data changed holds runs of both)
     */
    public static void write(Path file, List<String> axes, List<RunRecord> records,
                             java.util.function.Function<String, String> dataOf) {
        List<String> header = new ArrayList<>();
        header.add("run");
        List<String> shown = new ArrayList<>();
        for (String a : axes) {
            if (!a.equals("seed") && !a.equals("lambda")) {
                shown.add(a);
            }
        }
        shown.forEach(a -> header.add(SweepOptions.kebab(a)));
        header.addAll(RESULTS);
        header.addAll(PAPER);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            csv.printRecord(header);
            for (RunRecord r : records) {
                List<String> row = new ArrayList<>();
                row.add(r.name());
                for (String a : shown) {
                    row.add(r.values().getOrDefault(a, ""));
                }
                row.add(r.penalty());
                row.add(Double.isNaN(r.lambda()) ? "" : Double.toString(r.lambda()));
                row.add(Long.toString(r.seed()));
                row.add(r.status().label());
                RunMetrics m = r.metrics();
                if (m == null) {
                    for (int i = 0; i < 9; i++) {
                        row.add("");
                    }
                } else {
                    // a run without a count (collapsed, or data without variance) has empty cells, not 0
                    row.add(m.counted() ? Integer.toString(m.dimsExplained()) : "");
                    row.add(m.counted() ? Integer.toString(m.dimsStd()) : "");
                    row.add(Double.toString(m.reconstruction()));
                    row.add(Double.toString(m.lossTotal()));
                    row.add(Double.toString(m.lossData()));
                    row.add(Double.toString(m.lossPenalty()));
                    row.add(Long.toString(m.steps()));
                    row.add(m.converged() == null ? "" : m.converged().toString());
                    row.add(String.format(java.util.Locale.ROOT, "%.3f", m.seconds()));
                }
                row.add(r.message());
                row.add(dataOf.apply(r.name()));
                PaperScores p = m == null ? PaperScores.NONE : m.paper();
                for (Object v : p.values()) {
                    row.add(v == null ? "" : v.toString());
                }
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            AtomicFiles.write(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }
}
