package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.core.data.CsvTable;
import dev.lva.core.io.Labels;
import dev.lva.core.synth.TrueParameters;
import dev.lva.models.AutoEncoder;
import dev.lva.models.LatentAnalysis;
import dev.lva.models.evaluate.KnnAccuracy;
import dev.lva.models.evaluate.PrincipalCounts;
import dev.lva.models.evaluate.PruningCurve;
import dev.lva.models.evaluate.RunEvaluation;
import dev.lva.models.evaluate.TruthRecovery;
import dev.lva.viz.Figure;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import dev.lva.viz.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LV paper's evaluation of a finished run ({@link RunEvaluation}): computed after the latent
 * analysis, with the run's analysis (so the kept dimensions are those the run reported), its entries
 * added to {@code summary.json}, and its section and pruning-curve figure added to the report. The
 * evaluation is bounded by {@link RunEvaluation.Options}: the pruning curve and the principal counts
 * decode an even sample of at most 4,096 rows (fewer for a costly decoder), downstream accuracy and
 * truth recovery a capped split.
 */
public final class PaperMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(PaperMetrics.class);
    /** The report's section of the evaluation. */
    static final String SECTION = "Evaluation";
    /** The summary's entry of an evaluation that failed: the run's own results stand without it. */
    static final String FAILED = "evaluation_failed";

    private PaperMetrics() {
    }

    /**
     * The evaluation of {@code model} on {@code x} (the rows as the model saw them), or null when it
     * failed (logged; the run's results do not depend on it).
     *
     * @param labels one class per row of {@code x}, or null
     * @param truth  the true parameters of synthetic data, one row per row of {@code x}, or null
     */
    static RunEvaluation evaluate(AutoEncoder model, INDArray x, LatentAnalysis analysis, Labels labels,
                                  TrueParameters truth) {
        RunEvaluation.Inputs in = RunEvaluation.Inputs.none()
                .withAnalysis(analysis)
                .withOptions(RunEvaluation.Options.defaults().withThresholds(
                        LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD, LatentAnalysis.DEFAULT_RELATIVE_STD));
        if (labels != null) {
            in = in.withLabels(labels);
        }
        if (truth != null) {
            in = in.withTruth(truth);
        }
        return RunEvaluation.of(model, x, in);
    }

    /**
     * The summary's entries: the evaluation's {@link RunEvaluation#toMap()} and the seconds it took,
     * or {@link #FAILED} with the reason.
     */
    static Map<String, Object> entries(RunEvaluation e, double seconds, String failure) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e == null) {
            m.put(FAILED, failure);
            return m;
        }
        m.putAll(e.toMap());
        m.put("evaluation_seconds", seconds);
        return m;
    }

    /** The evaluation's section of the report, each metric with its definition, and its pruning-curve figure. */
    static void addTo(RunReport report, RunEvaluation e) {
        for (Map.Entry<String, String> line : lines(e).entrySet()) {
            report.entry(SECTION, line.getKey(), line.getValue());
        }
        if (e.pruning().byStd().length >= 2) {
            report.figure("Pruning curve: reconstruction MSE keeping the top k latent dimensions (the others at their"
                    + " mean), ordered by std and by explained reconstruction", () -> pruningFigure(e.pruning()));
        }
    }

    /** The report's lines: metric name to its value and its one-line definition. */
    static Map<String, String> lines(RunEvaluation e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("importance correlation", num(e.importanceCorrelation()) + " (Pearson correlation, over latent"
                + " dimensions, of each dimension's std and its explained reconstruction: near 1 when ordering by std"
                + " is ordering by importance)");
        m.put("mean correlation", num(e.meanCorrelation()) + " (mean absolute correlation between distinct kept"
                + " dimensions " + Arrays.toString(e.kept()) + ": 0 for a decorrelated code, as PCA's)");
        PruningCurve p = e.pruning();
        m.put("pruning curve by std", curve(p.byStd()) + " (entry k: reconstruction MSE keeping the k dimensions"
                + " with the largest stds, the others set to their mean; " + p.rows() + " rows)");
        m.put("pruning curve by explained reconstruction", curve(p.byExplained()) + " (the same, the dimensions"
                + " ordered by explained reconstruction)");
        PrincipalCounts pc = e.principal();
        m.put("principal counts", pc.explainedCount() + " by explained reconstruction, " + pc.stdCount() + " by std ("
                + pc.rule() + "; the count that applies to a rotation-invariant penalty, such as a log-det of the"
                + " covariance; the intrinsic dimension above applies to one on the coordinates)");
        m.put("decoder Lipschitz bound", num(e.lipschitz().product()) + (e.lipschitz().converged() ? "" : " (not"
                + " converged)") + " (product of the decoder's weight layers' operator norms, each computed to"
                + " convergence; activations " + String.join(", ", e.lipschitz().activations()) + " taken as"
                + " 1-Lipschitz: the bound the least-volume argument rests on)");
        KnnAccuracy k = e.downstream();
        if (k != null) {
            m.put("kNN accuracy", String.format(Locale.ROOT, "code %s, PCA %s, raw data %s, chance %s (%d-nearest-"
                            + "neighbour accuracy on %d held-out rows, %d training rows; the %d kept dimensions, PCA"
                            + " with as many components, the raw data)", num(k.code()), num(k.pca()), num(k.raw()),
                    num(k.chance()), k.k(), k.testRows(), k.trainRows(), k.dimensions()));
        }
        TruthRecovery t = e.recovery();
        if (t != null) {
            List<String> each = new ArrayList<>();
            for (int i = 0; i < t.parameters().size(); i++) {
                each.add(t.parameters().get(i) + " " + num(t.r2()[i]) + " (kNN " + num(t.knnR2()[i]) + ")");
            }
            m.put("true parameters recovered (R^2)", String.join(", ", each) + " (R^2 on " + t.testRows()
                    + " held-out rows of each true parameter regressed on the " + t.dimensions() + " kept dimensions,"
                    + " linearly and by " + t.k() + "-nearest neighbours)");
        }
        return m;
    }

    private static Figure pruningFigure(PruningCurve p) {
        double[] k = new double[p.byStd().length];
        for (int i = 0; i < k.length; i++) {
            k[i] = i;
        }
        return LinePlot.of(PlotOptions.titled("Pruning curve").withLabels("dimensions kept (k)", "reconstruction MSE"),
                List.of(Series.of("ordered by std", k, p.byStd()),
                        Series.of("ordered by explained reconstruction", k, p.byExplained())));
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "none";
    }

    /** A curve as %.4g values, the middle of a long one left out (summary.json has every value). */
    private static String curve(double[] values) {
        return LvaRun.shortList(values).replace(" in all; every value is in", " values in all; every one is in");
    }

    /**
     * What the evaluation is given beside the model and the data: the run's {@code --labels} and
     * {@code --truth}, read and checked against the data's rows before any training, so that a file of
     * another length fails the run at once rather than after hours of training.
     *
     * @param labels one class per data row, or null
     * @param truth  the true parameters, one row per data row, or null
     */
    /**
     * The checks a run makes of its {@code --labels} and {@code --truth} before training, for a caller
     * that starts many runs on one data set (a sweep): a file that does not fit data of {@code rows}
     * rows (after {@code --limit}) read from {@code source} is refused once, naming it and both counts,
     * instead of failing every run of the grid.
     */
    public static void checkInputs(RunConfig config, long rows, String source) {
        Given.load(config, rows, source);
    }

    record Given(Labels labels, TrueParameters truth) {
        static final Given NONE = new Given(null, null);

        /**
         * Reads the run's labels and true parameters. With {@code --limit N} the data are their first N
         * rows, and so are the labels and parameters: a file for the whole data set serves a run on part of it.
         */
        static Given load(RunConfig config, RunData data) {
            Given all = load(config, data.rows(), data.source());
            if (data.stored() == null || all == NONE) {
                return all;
            }
            // images read from their file are evaluated on the sample the run holds: the labels of those rows
            int[] rows = data.sampleRows();
            TrueParameters truth = null;
            if (all.truth() != null) {
                double[][] picked = new double[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    picked[i] = all.truth().values()[rows[i]];
                }
                truth = new TrueParameters(all.truth().names(), picked, all.truth().source());
            }
            return new Given(all.labels() == null ? null : all.labels().rows(rows), truth);
        }

        /** {@link #load(RunConfig, RunData)} for data of {@code rows} rows (after --limit) read from {@code source}. */
        static Given load(RunConfig config, long rows, String source) {
            if (config.labels() == null && config.truth() == null) {
                return NONE;
            }
            for (Path p : new Path[] {config.labels(), config.truth()}) {
                if (p != null) {
                    String option = p == config.labels() ? "--labels" : "--truth";
                    // named here with the option: the readers' messages name only the path
                    if (!Files.exists(p)) {
                        throw new LvaException(option + " " + p + ": no such file");
                    }
                    if (Files.isDirectory(p)) {
                        throw new LvaException(option + " " + p + ": a folder, not a file");
                    }
                    RowAlignedCsv.requireNoBlankRows(p, option);
                }
            }
            RowAlignedCsv.requireNoBlankRows(config.data(), "--data");
            String name = source + (config.limit() > 0 ? " (its first " + config.limit() + " rows, --limit)" : "");
            Labels labels = null;
            if (config.labels() != null) {
                labels = readLabels(config.labels());
                if (config.limit() > 0 && labels.size() > rows) {
                    labels = labels.rows(java.util.stream.IntStream.range(0, (int) rows).toArray());
                }
                labels.requireRows(rows, name);
            }
            TrueParameters truth = null;
            if (config.truth() != null) {
                truth = TrueParameters.read(config.truth());
                if (config.limit() > 0 && truth.values().length > rows) {
                    truth = new TrueParameters(truth.names(), Arrays.copyOf(truth.values(), (int) rows),
                            truth.source());
                }
                truth.requireRows(rows, name);
            }
            return new Given(labels, truth);
        }

        /**
         * An IDX or .npy label file; a CSV's one column, or its column named {@code label} (or
         * {@code labels}, {@code class}, {@code y}) when it has several.
         */
        static Labels readLabels(Path file) {
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return Labels.read(file);
            }
            if (!Files.isRegularFile(file)) {
                throw new LvaException("--labels " + file + ": no such file");
            }
            List<String> columns = CsvTable.read(file, CsvTable.Header.AUTO).columnNames();
            if (columns.size() == 1) {
                return Labels.readCsv(file, "0");
            }
            for (String c : columns) {
                if (List.of("label", "labels", "class", "y").contains(c.strip().toLowerCase(Locale.ROOT))) {
                    return Labels.readCsv(file, c);
                }
            }
            throw new LvaException("--labels " + file + ": a CSV of " + columns.size() + " columns " + columns
                    + " has none named label, labels, class or y; write the labels as a one-column CSV");
        }
    }

    /**
     * An evaluation and its summary entries.
     *
     * @param evaluation the metrics, or null when the evaluation failed
     * @param entries    what {@code summary.json} gets: the metrics and their time, or the failure
     */
    record Outcome(RunEvaluation evaluation, Map<String, Object> entries) {
    }

    /** Runs {@link #evaluate} and times it; a failure is logged and named in the summary, never thrown. */
    static Outcome run(AutoEncoder model, INDArray x, LatentAnalysis analysis, Labels labels, TrueParameters truth) {
        long t0 = System.nanoTime();
        try {
            RunEvaluation e = evaluate(model, x, analysis, labels, truth);
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info("evaluation of {} rows (pruning curve and principal counts) took {} s", e.rows(),
                    String.format(Locale.ROOT, "%.2f", seconds));
            return new Outcome(e, entries(e, seconds, null));
        } catch (RuntimeException e) {
            // the model, its codes and its analysis are written: a metric that fails must not cost them
            LOG.warn("the run's evaluation failed; summary.json has the run's results without it", e);
            return new Outcome(null, entries(null, 0, String.valueOf(e.getMessage())));
        }
    }
}
