package dev.lva.run.sweep;

import dev.lva.models.LatentAnalysis;
import dev.lva.viz.GridOptions;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import dev.lva.viz.SpectrumGrid;
import dev.lva.viz.SpreadPlot;
import dev.lva.viz.TradeOffPlot;
import dev.lva.viz.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html} of a sweep: the LV paper's comparison of penalties. Dimensions kept against
 * lambda (both counts: by explained reconstruction, and stds above 1% of the largest), reconstruction
 * error against lambda, reconstruction against dimensions (each penalty's trade-off front), and every
 * run's sorted std spectrum; with the grid and a line per run.
 */
public final class SweepReport {
    /** What the spread charts draw besides the points (the figures' legends name the lines). */
    private static final String SEEDS = "; line: the median over seeds; \u00d7n: n seeds on one spot";

    private SweepReport() {
    }

    /**
     * @param info key facts shown first (data, engine, ...)
     * @return the page
     */
    public static Path write(Path dir, String title, Map<String, String> info, List<String> axes,
                             List<SweepPoint> points, List<RunRecord> records) {
        RunReport report = new RunReport(title);
        info.forEach((k, v) -> report.entry("Sweep", k, v));
        long ok = records.stream().filter(RunRecord::ok).count();
        long failed = records.stream().filter(r -> r.status() == RunOutcome.Status.FAILED).count();
        long errors = records.stream().filter(r -> r.status() == RunOutcome.Status.ERROR).count();
        report.entry("Sweep", "runs", points.size() + " (" + ok + " ok, " + failed + " failed, " + errors + " errors, "
                + (points.size() - records.size()) + " not run)");
        for (String axis : axes) {
            List<String> seen = new ArrayList<>();
            for (SweepPoint p : points) {
                String v = p.values().get(axis);
                if (v != null && !seen.contains(v)) {
                    seen.add(v);
                }
            }
            report.entry("Grid", SweepOptions.kebab(axis), String.join(", ", seen));
        }
        for (RunRecord r : records) {
            report.entry("Runs", r.name(), line(r));
        }
        List<RunRecord> good = records.stream().filter(RunRecord::ok).toList();
        if (!good.isEmpty()) {
            figures(report, good);
        }
        return report.write(dir);
    }

    private static String line(RunRecord r) {
        return SweepRunner.describe(r);
    }

    private static void figures(RunReport report, List<RunRecord> good) {
        Map<String, List<RunRecord>> byPenalty = new LinkedHashMap<>();
        for (RunRecord r : good) {
            byPenalty.computeIfAbsent(r.penalty(), k -> new ArrayList<>()).add(r);
        }
        List<RunRecord> weighted = good.stream().filter(r -> !Double.isNaN(r.lambda())).toList();
        // a run without a count draws no point in a figure of counts
        Map<String, List<RunRecord>> counted = new LinkedHashMap<>();
        byPenalty.forEach((penalty, rs) -> counted.put(penalty, rs.stream().filter(r -> r.metrics().counted())
                .toList()));
        boolean logX = weighted.stream().allMatch(r -> r.lambda() > 0);
        boolean anyCount = good.stream().anyMatch(r -> r.metrics().counted());
        // every lambda of the sweep has its place on the count figures' axis, with a point or without
        double lambdaMin = weighted.stream().mapToDouble(RunRecord::lambda).min().orElse(0);
        double lambdaMax = weighted.stream().mapToDouble(RunRecord::lambda).max().orElse(0);
        dev.lva.viz.Range lambdas = lambdaMin < lambdaMax ? new dev.lva.viz.Range(lambdaMin, lambdaMax) : null;
        if (weighted.stream().anyMatch(r -> r.metrics().counted())) {
            report.figure("Dimensions kept (explained reconstruction >= " + LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD
                    + ") against lambda, one point per seed" + SEEDS, SpreadPlot.of(options("Dimensions kept against lambda",
                    "lambda", "dimensions (explained reconstruction)").withXRange(lambdas), logX,
                    groups(counted, RunRecord::lambda, r -> r.metrics().dimsExplained(), true)));
            report.figure("Dimensions whose std is above 1% of the largest, against lambda" + SEEDS, SpreadPlot.of(options(
                    "Stds above 1% of the largest against lambda", "lambda", "dimensions (std > 1% of largest)")
                    .withXRange(lambdas), logX,
                    groups(counted, RunRecord::lambda, r -> r.metrics().dimsStd(), true)));
        }
        if (!weighted.isEmpty()) {
            boolean logY = spansDecade(weighted);
            // no SEEDS here: a longer caption would rename the figure's file (named by its first 40 characters)
            report.figure("Reconstruction MSE against lambda", SpreadPlot.of(options("Reconstruction against lambda",
                    "lambda", "reconstruction MSE").withLogY(logY), logX,
                    groups(byPenalty, RunRecord::lambda, r -> r.metrics().reconstruction(), true)));
        }
        boolean logY = spansDecade(good);
        if (anyCount) {
            report.figure("Reconstruction against dimensions kept: each penalty's trade-off front (lower left is better;"
                            + " \u00d7n: n runs on one spot)",
                    TradeOffPlot.of(options("Reconstruction against dimensions", "dimensions (explained reconstruction)",
                            "reconstruction MSE").withLogY(logY),
                            groups(counted, r -> r.metrics().dimsExplained(), r -> r.metrics().reconstruction(),
                                    false)));
        }
        List<String> names = new ArrayList<>();
        List<double[]> spectra = new ArrayList<>();
        for (RunRecord r : good) {
            double[] s = r.metrics().sortedStds();
            if (s.length > 0 && java.util.Arrays.stream(s).anyMatch(v -> v > 0)) {
                names.add(r.name());
                spectra.add(s);
            }
        }
        if (!spectra.isEmpty()) {
            int columns = Math.min(4, spectra.size());
            report.figure("Sorted latent std spectrum of each run; dashed: 1% of the run's largest std",
                    SpectrumGrid.of(new GridOptions("Latent std spectra", 260, 190, columns), names, spectra,
                            LatentAnalysis.DEFAULT_RELATIVE_STD));
        }
    }

    /** A log axis labels only its decades: errors within one decade read better on a linear one. */
    private static boolean spansDecade(List<RunRecord> rs) {
        double lo = rs.stream().mapToDouble(r -> r.metrics().reconstruction()).min().orElse(0);
        double hi = rs.stream().mapToDouble(r -> r.metrics().reconstruction()).max().orElse(0);
        return lo > 0 && hi >= 10 * lo;
    }

    private static PlotOptions options(String title, String x, String y) {
        return PlotOptions.titled(title).withLabels(x, y).withSize(760, 440);
    }

    private static List<Series> groups(Map<String, List<RunRecord>> byPenalty, ToDoubleFunction<RunRecord> x,
                                       ToDoubleFunction<RunRecord> y, boolean weightedOnly) {
        List<Series> out = new ArrayList<>();
        byPenalty.forEach((penalty, rs) -> {
            List<RunRecord> use = weightedOnly ? rs.stream().filter(r -> !Double.isNaN(r.lambda())).toList() : rs;
            if (!use.isEmpty()) {
                out.add(Series.of(penalty, use.stream().mapToDouble(x).toArray(), use.stream().mapToDouble(y).toArray()));
            }
        });
        return out;
    }
}
