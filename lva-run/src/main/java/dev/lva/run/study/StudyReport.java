package dev.lva.run.study;

import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.models.LatentAnalysis;
import dev.lva.run.RunSummary;
import dev.lva.run.sweep.RunRecord;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepRunner;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import dev.lva.viz.SpreadPlot;
import dev.lva.viz.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The study's {@code report.html} and {@code study.csv}: the LV paper's comparison figures over every
 * data set's sweep, drawn from the sweeps' rows ({@code sweep.csv}'s numbers) and each run's
 * {@code summary.json} (its pruning curve, PCA's kNN accuracy, each parameter's R^2):
 * <ol>
 *   <li>dimensions kept against lambda, per penalty;</li>
 *   <li>pruning curves, one per penalty, each of the penalty's run whose reconstruction MSE is
 *       closest (on a log scale) to a common target, the median of every run's, so that the curves
 *       compare codes of like quality (the caption and the page name the runs);</li>
 *   <li>importance correlation against lambda, per penalty;</li>
 *   <li>kNN accuracy against the dimensions kept, with PCA's at as many components (data with labels);</li>
 *   <li>recovery of the true parameters against lambda (synthetic data): the mean and the worst over
 *       the parameters of each one's R^2 on held-out rows, predicted from the kept code by k-nearest-
 *       neighbour regression (the linear fit's R^2 beside it in the table and on the page).</li>
 * </ol>
 *
 * <p>Recovery is judged by the nearest neighbours because a code that holds a parameter need not hold
 * it along a straight line: the quick study's volume code at lambda 3e-3 holds rotation, scale and shear
 * along bends, and a linear fit read scale's R^2 as 0.11 where the neighbours read 0.81.
 */
public final class StudyReport {
    private static final Logger LOG = LoggerFactory.getLogger(StudyReport.class);
    /** The headline numbers as CSV. */
    public static final String TABLE = "study.csv";

    private StudyReport() {
    }

    /**
     * One data set's penalty in numbers: medians over its finished runs (null where no run has the
     * number), and the run picked for the comparable-reconstruction pruning curve.
     *
     * @param dataset        the data set's name
     * @param penalty        the penalty's name
     * @param runs           its runs in the grid
     * @param ok             those that finished
     * @param dims           median dimensions kept (explained reconstruction rule)
     * @param reconstruction median reconstruction MSE
     * @param importance     median importance correlation
     * @param knn            median kNN accuracy of the kept code
     * @param knnPca         median kNN accuracy of PCA with as many components
     * @param truthR2        median of the runs' mean R^2 over the true parameters, linear fit
     * @param truthKnnR2     median of the runs' mean R^2 over the true parameters, nearest neighbours
     * @param truthKnnR2Min  median of the runs' worst R^2 over the true parameters, nearest neighbours:
     *                       whether the code recovers each parameter, not most of them
     * @param comparable     the run picked at comparable reconstruction, or empty
     */
    public record Headline(String dataset, String penalty, int runs, int ok, Double dims, Double reconstruction,
                           Double importance, Double knn, Double knnPca, Double truthR2, Double truthKnnR2,
                           Double truthKnnR2Min, String comparable) {
        static final String HEADER = "dataset,penalty,runs,ok,dims_median,reconstruction_mse_median,"
                + "importance_correlation_median,knn_accuracy_median,knn_accuracy_pca_median,truth_r2_mean_median,"
                + "truth_knn_r2_mean_median,truth_knn_r2_min_median,comparable_run";

        String csv() {
            return String.join(",", dataset, penalty, Integer.toString(runs), Integer.toString(ok), cell(dims),
                    cell(reconstruction), cell(importance), cell(knn), cell(knnPca), cell(truthR2), cell(truthKnnR2),
                    cell(truthKnnR2Min), comparable);
        }

        private static String cell(Double v) {
            return v == null ? "" : String.format(Locale.ROOT, "%.6g", v);
        }
    }

    /** What was written. */
    public record Written(Path report, Path table, List<Headline> rows) {
    }

    /**
     * A finished run of the study with the numbers of its {@code summary.json} that the sweep's row
     * does not carry; each is empty or null where the summary has none.
     */
    record Run(RunRecord record, double[] pruning, Double knnPca, Integer knnDims, Double knnRaw,
               Map<String, Double> truthR2, Map<String, Double> truthKnnR2) {
        static Run of(RunRecord r, Path folder) {
            Map<String, Object> more;
            try {
                more = RunSummary.read(folder).more();
            } catch (LvaException | UncheckedIOException e) {
                LOG.warn("run {}: its summary cannot be read ({}); the study's figures leave out what only it has",
                        r.name(), e.getMessage());
                more = Map.of();
            }
            return new Run(r, numbers(more.get("pruning_curve_by_std")), real(more.get("knn_accuracy_pca")),
                    more.get("knn_dimensions") instanceof Number n ? n.intValue() : null,
                    real(more.get("knn_accuracy_raw")), byName(more.get("truth_r2")), byName(more.get("truth_knn_r2")));
        }

        /** A summary's map of parameter to R^2; a value that is not a finite number reads as null. */
        private static Map<String, Double> byName(Object o) {
            Map<String, Double> out = new LinkedHashMap<>();
            if (o instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(String.valueOf(k), real(v)));
            }
            return out;
        }

        /**
         * The mean of the nearest-neighbour R^2 over the true parameters, or null when the summary has
         * none or a parameter has none (a parameter left out would flatter the mean).
         */
        Double knnR2Mean() {
            return reduce(truthKnnR2, false);
        }

        /** The worst parameter's nearest-neighbour R^2, or null as {@link #knnR2Mean()}. */
        Double knnR2Min() {
            return reduce(truthKnnR2, true);
        }

        private static Double reduce(Map<String, Double> r2, boolean min) {
            if (r2.isEmpty() || r2.containsValue(null)) {
                return null;
            }
            return min ? r2.values().stream().mapToDouble(Double::doubleValue).min().getAsDouble()
                    : r2.values().stream().mapToDouble(Double::doubleValue).average().getAsDouble();
        }

        double lambda() {
            return record.lambda();
        }

        double reconstruction() {
            return record.metrics().reconstruction();
        }
    }

    /** Writes the report of {@code study} from its sweeps' results. */
    static Written write(Study study, Map<StudyData, SweepRunner.Summary> sweeps) {
        Map<StudyData, List<RunRecord>> records = new LinkedHashMap<>();
        sweeps.forEach((d, s) -> records.put(d, s.records()));
        return write(study.options(), study.plans(), records);
    }

    /**
     * Writes {@code report.html}, its figures and {@code study.csv} into the study's folder.
     *
     * @param plans   each data set's sweep, for the run folders and the grid
     * @param records each data set's rows, as its sweep ended
     */
    public static Written write(StudyOptions options, Map<StudyData, SweepPlan> plans,
                                Map<StudyData, List<RunRecord>> records) {
        RunReport report = new RunReport("LV paper's comparison of latent penalties (lva study)");
        report.entry("Study", "setting", options.describe());
        report.entry("Study", "folder", options.out().toString());
        int all = 0;
        int ok = 0;
        for (Map.Entry<StudyData, SweepPlan> e : plans.entrySet()) {
            List<RunRecord> rs = records.getOrDefault(e.getKey(), List.of());
            all += e.getValue().points().size();
            ok += (int) rs.stream().filter(RunRecord::ok).count();
            report.entry("Study", e.getKey().key() + " sweep", Study.sweepDir(options.out(), e.getKey()).getFileName()
                    + "/report.html and sweep.csv: every run's row and the sweep's own figures");
        }
        report.entry("Study", "runs", all + " (" + ok + " finished)");
        report.entry("Study", "counts", "dimensions kept: explained reconstruction >= "
                + LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD + " (lva fit's intrinsic dimension)");
        List<Headline> rows = new ArrayList<>();
        for (Map.Entry<StudyData, SweepPlan> e : plans.entrySet()) {
            StudyData d = e.getKey();
            List<Run> runs = new ArrayList<>();
            for (RunRecord r : records.getOrDefault(d, List.of())) {
                if (r.ok()) {
                    runs.add(Run.of(r, e.getValue().runDir(r.name())));
                }
            }
            Map<String, Run> picked = comparable(runs);
            rows.addAll(headlines(d, options.penalties(), e.getValue(), records.getOrDefault(d, List.of()), runs,
                    picked));
            figures(report, d, options, runs, picked);
        }
        for (Headline h : rows) {
            report.entry("Headline numbers (medians over lambdas and seeds)", h.dataset() + ", " + h.penalty(),
                    headlineText(h));
        }
        Path table = options.out().resolve(TABLE);
        StringBuilder csv = new StringBuilder(Headline.HEADER).append('\n');
        rows.forEach(h -> csv.append(h.csv()).append('\n'));
        try {
            AtomicFiles.write(table, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table + ": " + e, e);
        }
        return new Written(report.write(options.out()), table, rows);
    }

    /** The headline as one line: {@code 12 of 12 runs; dimensions 5, reconstruction MSE 0.034, ...}. */
    public static String headlineText(Headline h) {
        List<String> parts = new ArrayList<>();
        parts.add(h.ok() + " of " + h.runs() + " runs finished");
        if (h.dims() != null) {
            parts.add("dimensions kept " + (h.dims() == Math.rint(h.dims()) ? Long.toString(Math.round(h.dims()))
                    : num(h.dims())));
        }
        if (h.reconstruction() != null) {
            parts.add("reconstruction MSE " + num(h.reconstruction()));
        }
        if (h.importance() != null) {
            parts.add("importance correlation " + num(h.importance()));
        }
        if (h.knn() != null) {
            parts.add("kNN accuracy " + num(h.knn()) + (h.knnPca() == null ? "" : " (PCA " + num(h.knnPca()) + ")"));
        }
        if (h.truthKnnR2() != null) {
            parts.add("R^2 of the true parameters by nearest neighbours: mean " + num(h.truthKnnR2()) + ", worst "
                    + (h.truthKnnR2Min() == null ? "none" : num(h.truthKnnR2Min())));
        }
        if (h.truthR2() != null) {
            parts.add("mean R^2 of the true parameters by a linear fit " + num(h.truthR2()));
        }
        if (!h.comparable().isEmpty()) {
            parts.add("pruning curve of " + h.comparable());
        }
        return String.join("; ", parts);
    }

    private static List<Headline> headlines(StudyData d, List<String> penalties, SweepPlan plan,
                                            List<RunRecord> records, List<Run> runs, Map<String, Run> picked) {
        List<Headline> out = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        plan.points().forEach(p -> names.putIfAbsent(p.penalty(), p.penalty()));
        for (String penalty : names.keySet()) {
            List<Run> mine = runs.stream().filter(r -> r.record().penalty().equals(penalty)).toList();
            int total = (int) plan.points().stream().filter(p -> p.penalty().equals(penalty)).count();
            Run pick = picked.get(penalty);
            out.add(new Headline(d.key(), penalty, total, mine.size(),
                    median(mine, r -> r.record().metrics().dimsExplained() == null ? null
                            : r.record().metrics().dimsExplained().doubleValue()),
                    median(mine, Run::reconstruction),
                    median(mine, r -> r.record().metrics().paper().importanceCorrelation()),
                    median(mine, r -> r.record().metrics().paper().knnAccuracy()),
                    median(mine, Run::knnPca),
                    median(mine, r -> r.record().metrics().paper().truthR2Mean()),
                    median(mine, Run::knnR2Mean),
                    median(mine, Run::knnR2Min),
                    pick == null ? "" : pick.record().name()));
        }
        return out;
    }

    /**
     * For each penalty its run whose reconstruction MSE is closest, on a log scale, to the median MSE
     * of all the data set's finished runs that have a pruning curve.
     */
    static Map<String, Run> comparable(List<Run> runs) {
        List<Run> curved = runs.stream().filter(r -> r.pruning().length >= 2 && r.reconstruction() > 0).toList();
        Map<String, Run> out = new LinkedHashMap<>();
        if (curved.isEmpty()) {
            return out;
        }
        double target = target(curved);
        for (Run r : curved) {
            Run best = out.get(r.record().penalty());
            if (best == null || distance(r, target) < distance(best, target)) {
                out.put(r.record().penalty(), r);
            }
        }
        return out;
    }

    /** The common reconstruction target: the median MSE of the runs given. */
    static double target(List<Run> curved) {
        Double m = median(curved, Run::reconstruction);
        return m == null ? Double.NaN : m;
    }

    private static double distance(Run r, double target) {
        return Math.abs(Math.log(r.reconstruction()) - Math.log(target));
    }

    private static void figures(RunReport report, StudyData d, StudyOptions options, List<Run> runs,
                                Map<String, Run> picked) {
        String name = d == StudyData.FASHION ? "Fashion-MNIST" : "Synthetic images";
        String lambdaAxis = "lambda (penalty weight)";
        List<Run> weighted = runs.stream().filter(r -> !Double.isNaN(r.lambda())).toList();
        boolean logX = !weighted.isEmpty() && weighted.stream().allMatch(r -> r.lambda() > 0);
        if (runs.isEmpty()) {
            report.missingFigure(name + ": the comparison", "no run of this data set finished");
            return;
        }
        // 1. dimensions kept against lambda
        List<Run> counted = weighted.stream().filter(r -> r.record().metrics().counted()).toList();
        if (!counted.isEmpty()) {
            report.figure(name + ": dimensions kept against lambda, per penalty (a point per seed, the line joins"
                    + " the medians" + (d == StudyData.SYNTH ? "; the true dimension is " + StudyOptions.SYNTH_VARIED
                    .size() + ", the varied parameters" : "") + ")",
                    () -> SpreadPlot.of(options(name + ": dimensions kept against lambda", lambdaAxis,
                            "dimensions kept (explained reconstruction >= 1%)"), logX,
                            groups(counted, Run::lambda, r -> r.record().metrics().dimsExplained())));
        } else {
            report.missingFigure(name + ": dimensions kept against lambda", "no finished run has a count (every code"
                    + " collapsed)");
        }
        // 2. pruning curves at comparable reconstruction
        if (!picked.isEmpty()) {
            double target = target(runs.stream().filter(r -> r.pruning().length >= 2 && r.reconstruction() > 0)
                    .toList());
            List<String> which = new ArrayList<>();
            List<Series> curves = new ArrayList<>();
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (Map.Entry<String, Run> e : picked.entrySet()) {
                Run r = e.getValue();
                double[] k = new double[r.pruning().length];
                for (int i = 0; i < k.length; i++) {
                    k[i] = i;
                }
                // lambda as the user typed it (3e-4), which also names the run
                String label = String.format(Locale.ROOT, "%s (lambda %s, seed %d, MSE %s)", e.getKey(),
                        r.record().values().getOrDefault("lambda", num(r.lambda())), r.record().seed(),
                        num(r.reconstruction()));
                curves.add(Series.of(label, k, r.pruning()));
                which.add(r.record().name() + " (reconstruction MSE " + num(r.reconstruction()) + ")");
                for (double v : r.pruning()) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            boolean logY = lo > 0 && hi >= 10 * lo;
            report.entry(name + ": runs compared at comparable reconstruction", "target reconstruction MSE",
                    num(target) + " (the median of the data set's finished runs; each penalty's run closest to it on"
                            + " a log scale)");
            for (Map.Entry<String, Run> e : picked.entrySet()) {
                report.entry(name + ": runs compared at comparable reconstruction", e.getKey(),
                        e.getValue().record().name() + ", reconstruction MSE " + num(e.getValue().reconstruction()));
            }
            report.figure(name + ": pruning curves at comparable reconstruction: reconstruction MSE keeping the top k"
                    + " dimensions by std (the others at their mean), one run per penalty, the one whose MSE is closest"
                    + " to " + num(target) + ": " + String.join("; ", which),
                    () -> LinePlot.of(options(name + ": pruning curves at comparable reconstruction",
                            "dimensions kept, top k by std", "reconstruction MSE (scaled pixels)").withLogY(logY),
                            curves));
        } else {
            report.missingFigure(name + ": pruning curves at comparable reconstruction", "no finished run has a"
                    + " pruning curve in its summary.json (its evaluation failed, or an older lva wrote it)");
        }
        // 3. importance correlation against lambda
        List<Run> importance = weighted.stream().filter(r -> r.record().metrics().paper().importanceCorrelation()
                != null).toList();
        if (!importance.isEmpty()) {
            report.figure(name + ": importance correlation against lambda (Pearson correlation over latent"
                    + " dimensions of std and explained reconstruction; 1: ordering by std is ordering by importance)",
                    () -> SpreadPlot.of(options(name + ": importance correlation against lambda", lambdaAxis,
                            "importance correlation (Pearson r)"), logX,
                            groups(importance, Run::lambda, r -> r.record().metrics().paper().importanceCorrelation())));
        } else {
            report.missingFigure(name + ": importance correlation against lambda", "no finished run has one");
        }
        // 4. kNN accuracy against dimensions, with PCA's
        List<Run> knn = runs.stream().filter(r -> r.record().metrics().paper().knnAccuracy() != null
                && r.knnDims() != null).toList();
        if (!knn.isEmpty()) {
            List<Series> groups = groups(knn, r -> r.knnDims(), r -> r.record().metrics().paper().knnAccuracy());
            List<Run> pca = knn.stream().filter(r -> r.knnPca() != null).toList();
            if (!pca.isEmpty()) {
                groups.add(Series.of("PCA, as many components", pca.stream().mapToDouble(r -> r.knnDims()).toArray(),
                        pca.stream().mapToDouble(Run::knnPca).toArray()));
            }
            Double raw = median(knn, Run::knnRaw);
            report.figure(name + ": kNN accuracy of the kept code against the dimensions kept, per penalty, and PCA's"
                            + " with as many components" + (raw == null ? "" : "; the raw pixels: " + num(raw))
                            + " (held-out rows)",
                    () -> SpreadPlot.of(options(name + ": kNN accuracy against dimensions", "dimensions kept",
                            "kNN accuracy (share of held-out rows)"), false, groups));
        } else if (d == StudyData.FASHION) {
            report.missingFigure(name + ": kNN accuracy against dimensions", options.fashionLabels() == null
                    ? "no labels: Fashion-MNIST's labels were not found beside its images" : "no finished run has"
                    + " a kNN accuracy (its evaluation failed)");
        }
        // 5. recovery of the true parameters
        if (d == StudyData.SYNTH) {
            List<Run> truth = weighted.stream().filter(r -> r.knnR2Mean() != null).toList();
            if (!truth.isEmpty()) {
                List<Series> series = groups(truth, Run::lambda, Run::knnR2Mean);
                List<Series> worst = groups(truth, Run::lambda, Run::knnR2Min).stream()
                        .map(w -> Series.of(w.name() + ", worst parameter", w.x(), w.y())).toList();
                report.figure(name + ": recovery of the true parameters against lambda: R^2 on held-out rows of each"
                                + " of " + String.join(", ", StudyOptions.SYNTH_VARIED) + " predicted from the kept"
                                + " code by the mean of its nearest training rows, the mean over the parameters"
                                + " (circles, solid line) and the worst one (diamonds, dashed line, in the penalty's"
                                + " colour)",
                        () -> SpreadPlot.of(options(name + ": true parameters recovered against lambda", lambdaAxis,
                                "R^2 of the true parameters (nearest neighbours)"), logX, series, worst));
                for (Run r : truth) {
                    report.entry(name + ": R^2 of each true parameter (held-out rows; nearest neighbours, linear fit)",
                            r.record().name() + (picked.containsValue(r) ? " (compared at comparable reconstruction)"
                                    : ""), recoveryText(r));
                }
            } else {
                report.missingFigure(name + ": recovery of the true parameters", "no finished run has a"
                        + " nearest-neighbour R^2 of every true parameter (its code kept no dimension, the held-out"
                        + " rows did not vary, its evaluation failed, or an older lva wrote its summary)");
            }
        }
    }

    /** {@code 6 dimensions kept; rotation 0.95 (linear 0.62), ...}. */
    static String recoveryText(Run r) {
        List<String> parts = new ArrayList<>();
        r.truthKnnR2().forEach((k, v) -> {
            Double linear = r.truthR2().get(k);
            parts.add(k + " " + (v == null ? "none" : num(v)) + " (linear " + (linear == null ? "none" : num(linear))
                    + ")");
        });
        Integer kept = r.record().metrics().dimsExplained();
        return (kept == null ? "no count" : kept + " dimension" + (kept == 1 ? "" : "s") + " kept") + "; "
                + String.join(", ", parts);
    }

    private static PlotOptions options(String title, String x, String y) {
        return PlotOptions.titled(title).withLabels(x, y).withSize(820, 460);
    }

    /** A series per penalty, in the order the penalties first appear. */
    private static List<Series> groups(List<Run> runs, ToDoubleFunction<Run> x, Function<Run, Number> y) {
        Map<String, List<Run>> by = new LinkedHashMap<>();
        for (Run r : runs) {
            by.computeIfAbsent(r.record().penalty(), k -> new ArrayList<>()).add(r);
        }
        List<Series> out = new ArrayList<>();
        by.forEach((penalty, rs) -> out.add(Series.of(penalty, rs.stream().mapToDouble(x).toArray(),
                rs.stream().mapToDouble(r -> y.apply(r).doubleValue()).toArray())));
        return out;
    }

    /** The median of the values that there are, or null when there are none. */
    static Double median(List<Run> runs, Function<Run, ? extends Number> value) {
        double[] v = runs.stream().map(value).filter(java.util.Objects::nonNull).mapToDouble(Number::doubleValue)
                .filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return null;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "none";
    }

    private static Double real(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }

    private static double[] numbers(Object o) {
        if (!(o instanceof List<?> list)) {
            return new double[0];
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Double d = real(list.get(i));
            if (d == null) {
                return new double[0]; // a curve with a hole is not drawn
            }
            out[i] = d;
        }
        return out;
    }
}
