package dev.lva.run;

import dev.lva.api.plugin.Options;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.data.ImageBytes;
import dev.lva.core.data.Scaler;
import dev.lva.core.train.Batches;
import dev.lva.models.IntrinsicDimension;
import dev.lva.models.LatentAnalysis;
import dev.lva.viz.Figure;
import dev.lva.viz.GridOptions;
import dev.lva.viz.HeatMap;
import dev.lva.viz.LinePlot;
import dev.lva.viz.Marker;
import dev.lva.viz.PairPlot;
import dev.lva.viz.ParityPlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Scatter3D;
import dev.lva.viz.ScatterPlot;
import dev.lva.viz.Series;
import dev.lva.viz.StdSpectrum;
import dev.lva.viz.View3D;
import dev.lva.viz.report.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the report of an LVA run shows, from the run's arrays: the figures, each made only when the
 * report is written (so that one that fails is a missing figure, not a lost run), and the report's
 * sections. The figures show the data in its own units (the reconstruction unscaled with the run's
 * scaler), latent codes on one scale with the collapsed dimensions marked, the stds as a spectrum
 * with the rules' split and threshold, and the covariance on a log-magnitude scale. Scatter-type
 * figures of more than {@value #MAX_POINTS} rows draw every k-th row.
 */
public final class RunFigures {
    /** Rows drawn at most in the scatter-type figures: beyond this a plot of every point shows nothing more. */
    static final int MAX_POINTS = 5000;
    /** Latent or data widths above this get no covariance heat map or parity grid: the cells would be unreadable. */
    static final int MAX_GRID = 12;

    private final LossHistory history;
    private final LatentAnalysis analysis;
    private final IntrinsicDimension verdict;
    private final RunData data;
    private final int[] dataRows;
    private final INDArray latent;
    private final INDArray reconstruction;
    /** Events marked on the loss curves: pruning's start (from {@link #report}), a resume, ... */
    private final List<Marker> lossMarkers = new ArrayList<>();

    /** Figures of every row of {@code data}: {@code latent} and {@code reconstruction} have a row for each. */
    public RunFigures(LossHistory history, LatentAnalysis analysis, RunData data, INDArray latent,
                      INDArray reconstruction) {
        this(history, analysis, data, null, latent, reconstruction);
    }

    /**
     * @param dataRows       the data rows the codes belong to (a run's sample of a large data set), or
     *                       null for every row
     * @param latent         the codes of those rows, one per row
     * @param reconstruction the decoded codes, one row each, in the scaled units the model sees
     */
    public RunFigures(LossHistory history, LatentAnalysis analysis, RunData data, int[] dataRows, INDArray latent,
                      INDArray reconstruction) {
        this(history, analysis, IntrinsicDimension.of(analysis, null), data, dataRows, latent, reconstruction);
    }

    /** @param verdict what the run concludes, with the training's convergence verdict */
    public RunFigures(LossHistory history, LatentAnalysis analysis, IntrinsicDimension verdict, RunData data,
                      int[] dataRows, INDArray latent, INDArray reconstruction) {
        this.history = history;
        this.analysis = analysis;
        this.verdict = verdict;
        this.data = data;
        this.dataRows = dataRows;
        this.latent = latent;
        this.reconstruction = reconstruction;
    }

    /**
     * Marks {@code marker} on the loss curves: a dashed line at its step with its label, such as
     * {@code Marker.at(step, "resumed at step " + step)} for a run resumed from a checkpoint.
     * {@link #report} adds the step pruning may start at. A step beyond the curves is not drawn.
     */
    public RunFigures lossMarker(Marker marker) {
        lossMarkers.add(marker);
        return this;
    }

    /**
     * The step at whose end pruning may first happen: the end of epoch {@code --prune-from}
     * (counted from 0), or none without a pruning policy.
     */
    static List<Marker> pruningStart(RunConfig config, int rows) {
        String p = config.pruning();
        if (p == null || p.isBlank() || p.split(":")[0].trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        try {
            // the batches as the trainer cuts them (a last batch of one row merged, as a std penalty needs)
            long step = (config.pruneFrom() + 1L) * Batches.plan(rows, config.batch(), 2).perEpoch();
            return List.of(Marker.at(step, "pruning from step " + step + " (--prune-from " + config.pruneFrom() + ")"));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A marker at each step the run was resumed from (its curve before it was trained in an earlier session). */
    static List<Marker> resumes(LossHistory history) {
        List<Marker> out = new ArrayList<>();
        for (long step : history.resumedAt()) {
            out.add(Marker.at(step, "resumed at step " + step));
        }
        return out;
    }

    /** Caption to figure maker, in report order. */
    public Map<String, Supplier<Figure>> figures() {
        Map<String, Supplier<Figure>> figs = new LinkedHashMap<>();
        if (history.steps().length > 1) {
            figs.put("Training loss", this::loss);
        }
        figs.put("Latent standard deviations", this::stds);
        int d = analysis.order().length;
        if (d >= 2) {
            figs.put("Latent space (two largest dimensions, one scale)", this::latentScatter);
        }
        if (d <= MAX_GRID) {
            figs.put("Latent covariance (ordered by std)", () -> HeatMap.covariance(
                    PlotOptions.titled("Latent covariance"), analysis.covariance(), orderedNames()));
        }
        int features = data.dataset().cols();
        if (features <= MAX_GRID) {
            figs.put("Reconstruction parity (data units)", this::parity);
        }
        if (d >= 2) {
            figs.put("Latent pair plot (one scale)", this::pairPlot);
        }
        if (features == 3) {
            figs.put("Data and reconstruction in 3-D (data units)", () -> Scatter3D.of(PlotOptions
                            .titled("Data and reconstruction").withSize(600, 600), View3D.standard(),
                    values(data.dataset().features().getRows(dataRows(sample()))),
                    unscaled().getRows(sample()).toDoubleMatrix()));
        }
        return figs;
    }

    /**
     * The report of the run: its result and the rules behind it first, the options as the command
     * line names them, the checkpoint schedule and the checkpoints on disk, the losses, stds and
     * timing, then the figures.
     */
    public RunReport report(String title, RunConfig config, Map<String, Double> finalLosses, Duration training) {
        RunReport report = new RunReport(title);
        pruningStart(config, data.rows()).forEach(this::lossMarker);
        resumes(history).forEach(this::lossMarker);
        result(report);
        Map<String, String> options = commandLineOptions(config, data);
        // the report lies in the run folder, which may move: it names no folder of its own
        options.remove("--out");
        options.forEach(report::option);
        report.seed(config.seed())
                .entry("Run", "data", data.source() + " (" + data.rows() + " rows x " + data.dataset().cols()
                        + " columns" + (data.stored() == null ? "" : "; read from the file a batch at a time, analysed on"
                        + " " + data.dataset().rows() + " of them, evenly spaced") + ")")
                .entry("Run", "scaling", data.scaler() == null ? "none: the model sees the data as read"
                        : config.scale().name().toLowerCase(Locale.ROOT) + ": the model sees scaled columns;"
                        + " the figures show the data's own units")
                .entry("Run", "checkpoint schedule", schedule(config))
                .entry("Run", "checkpoints on disk", onDisk(config.out()))
                .latentStds(analysis.stds())
                .timing("training", training);
        finalLosses.forEach(report::finalLoss);
        figures().forEach(report::figure);
        return report;
    }

    /** The counts with their rules, the gap, the convergence verdict and any warning ({@link IntrinsicDimension}). */
    void result(RunReport report) {
        if (!verdict.counted()) {
            report.entry("Result", "intrinsic dimension", "none: " + verdict.noCount());
            report.entry("Result", "second count (" + verdict.stdRule() + ")", "none: " + (verdict.noVariance()
                    ? "the data has no variance" : "no dimension carries the data"));
        } else {
            report.intrinsicDimension(verdict.count(), verdict.rule() + ", of " + verdict.latent()
                    + " latent dimensions" + (verdict.sample() == null ? "" : "; " + verdict.sample()));
            report.dimensionCount("second count (" + verdict.stdRule() + ")", verdict.stdCount());
        }
        if (Double.isNaN(verdict.gapRatio())) {
            report.entry("Result", "gap ratio", verdict.gap());
        } else if (Double.isInfinite(verdict.gapRatio())) {
            report.entry("Result", "gap ratio", "infinite: " + verdict.gap());
        } else {
            report.gapRatio(verdict.gapRatio(), verdict.gap());
        }
        report.convergence(verdict.convergence());
        if (verdict.warning() != null) {
            report.entry("Result", "warning", verdict.warning());
        }
    }

    private Figure loss() {
        double[] steps = history.steps();
        List<Series> series = List.of(
                Series.of("total", steps, Outputs.positive(history.total())),
                Series.of("reconstruction", steps, Outputs.positive(history.data())),
                Series.of("penalty", steps, Outputs.positive(history.penalty())));
        return LinePlot.of(PlotOptions.titled("Training loss").withLabels("step", "loss").withLogY(true), series,
                lossMarkers);
    }

    /**
     * The stds with exactly the dimensions the intrinsic-dimension rule keeps marked kept (not the
     * largest by rank: explained reconstruction need not follow the stds), the others named by why
     * they are not: collapsed at or below the std rule's line, else below the explained share.
     */
    Figure stds() {
        int d = analysis.stds().length;
        boolean[] keep = new boolean[d];
        for (int j = 0; j < d; j++) {
            keep[j] = kept(j);
        }
        if (!verdict.counted()) {
            // no count: neither rule applies, so no rule's line and no dimension named by one
            String why = verdict.noVariance() ? "the data has no variance" : "no dimension carries the data";
            return StdSpectrum.of(PlotOptions.titled("Latent standard deviations: no count, " + why), analysis.stds(),
                    keep, "not counted: " + why, Double.NaN, null);
        }
        return StdSpectrum.of(PlotOptions.titled("Latent standard deviations"), analysis.stds(), keep,
                "below " + percent(LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD) + " explained reconstruction",
                stdLine(), percent(LatentAnalysis.DEFAULT_RELATIVE_STD) + " of the largest std");
    }

    /** The second count's line: 1% of the largest std. */
    private double stdLine() {
        double[] sorted = analysis.sortedStds();
        return LatentAnalysis.DEFAULT_RELATIVE_STD * (sorted.length == 0 ? 0 : sorted[0]);
    }

    /**
     * Collapsed: every dimension of a collapsed code, else one whose std is at or below the second
     * count's line, as the std spectrum draws it; none of data without variance (nothing to carry).
     */
    private boolean collapsedStd(int latentIndex) {
        return verdict.collapsed() || !verdict.noVariance() && analysis.collapsed(latentIndex);
    }

    private Figure latentScatter() {
        int[] order = analysis.order();
        int[] rows = sample();
        double[] z0 = column(latent, order[0], rows);
        double[] z1 = column(latent, order[1], rows);
        List<String> names = markedNames();
        PlotOptions options = PlotOptions.titled("Latent space" + sampled(rows)).withLabels(names.get(0), names.get(1))
                .withSameScale(true);
        if (RunData.isImages(data.dataset())) {
            // images have no order worth a colour: neighbouring rows are unrelated pictures
            return ScatterPlot.of(options, z0, z1);
        }
        return ScatterPlot.colored(options, z0, z1, toDouble(dataRows(rows)), rowLabel(rows.length,
                data.dataset().rows()));
    }

    /** The colour bar's title: {@code row}, or {@code row (2,000 of 10,000 shown)} for a sample. */
    static String rowLabel(int shown, int rows) {
        return shown == rows ? "row" : String.format(Locale.ROOT, "row (%,d of %,d shown)", shown, rows);
    }

    private Figure parity() {
        int[] rows = sample();
        return ParityPlot.of(GridOptions.titled("Ground truth vs reconstruction" + sampled(rows)),
                values(data.dataset().features().getRows(dataRows(rows))),
                unscaled().getRows(rows).toDoubleMatrix(),
                data.dataset().columns(), "the units of " + fileName(data.source()));
    }

    private Figure pairPlot() {
        int[] order = analysis.order();
        int dims = Math.min(order.length, PairPlot.MAX_DIMENSIONS);
        int[] rows = sample();
        double[][] z = new double[rows.length][dims];
        boolean[] collapsed = new boolean[dims];
        for (int k = 0; k < dims; k++) {
            double[] c = column(latent, order[k], rows);
            for (int i = 0; i < rows.length; i++) {
                z[i][k] = c[i];
            }
            collapsed[k] = collapsedStd(order[k]);
        }
        return PairPlot.latent(GridOptions.titled("Latent pair plot" + sampled(rows)), z,
                orderedNames().subList(0, dims), collapsed);
    }

    /** Counted by the intrinsic-dimension rule (none when nothing is counted). */
    private boolean kept(int latentIndex) {
        return verdict.counted() && analysis.explained()[latentIndex] >= LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD;
    }

    private List<String> orderedNames() {
        List<String> names = new ArrayList<>();
        for (int j : analysis.order()) {
            names.add("z" + j);
        }
        return names;
    }

    /**
     * {@code z2 (collapsed, std 0.0012)} for the dimensions the rule does not count whose std is at or
     * below the std rule's line (every one of a collapsed code), {@code z31 (below 1% explained, std
     * 2.5)} for the others, {@code not counted} for data without variance.
     */
    List<String> markedNames() {
        List<String> names = new ArrayList<>();
        for (int j : analysis.order()) {
            String state = collapsedStd(j) ? "collapsed" : verdict.noVariance() ? "not counted"
                    : "below " + percent(LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD) + " explained";
            names.add(kept(j) ? "z" + j : String.format(Locale.ROOT, "z%d (%s, std %.2g)", j, state,
                    analysis.stds()[j]));
        }
        return names;
    }

    /** The reconstruction in the data's units. */
    INDArray unscaled() {
        Scaler s = data.scaler();
        INDArray x = data.dataset().features();
        INDArray r = ImageBytes.isBytes(x) ? reconstruction : reconstruction.castTo(x.dataType());
        return s == null ? r : s.inverseTransform(r);
    }

    /** Rows of the data as drawn: image bytes converted by the pixel rule, other values as they are. */
    private static double[][] values(INDArray rows) {
        return ImageBytes.pixels(rows, DataType.DOUBLE).toDoubleMatrix();
    }

    /** Every row, or every k-th row so that at most {@value #MAX_POINTS} are drawn. */
    int[] sample() {
        int n = (int) latent.rows();
        int every = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int[] rows = new int[(n + every - 1) / every];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * every;
        }
        return rows;
    }

    /** The data rows of {@code rows} of the codes. */
    private int[] dataRows(int[] rows) {
        if (dataRows == null) {
            return rows;
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = dataRows[rows[i]];
        }
        return out;
    }

    private String sampled(int[] rows) {
        int n = data.dataset().rows();
        return rows.length == n ? "" : String.format(Locale.ROOT, " (%,d evenly spaced of %,d rows)", rows.length, n);
    }

    /** {@code every 1000 steps and at the end, keeping the last 3}: what the checkpoint writer does with these options. */
    static String schedule(RunConfig c) {
        List<String> when = new ArrayList<>();
        if (c.checkpointEvery() > 0) {
            when.add("every " + c.checkpointEvery() + " steps (--checkpoint-every)");
        }
        if (c.checkpointSeconds() > 0) {
            when.add("every " + new java.math.BigDecimal(c.checkpointSeconds()).round(new java.math.MathContext(4))
                    .stripTrailingZeros().toPlainString() + " s of training (--checkpoint-seconds)");
        }
        String times = when.isEmpty() ? "at the end only (--checkpoint-every 0, --checkpoint-seconds 0)"
                : String.join(" and ", when) + ", and at the end";
        return times + "; the newest " + c.keep() + " kept (--keep)";
    }

    /** The run folder's checkpoints, named relative to it (the report lies beside them, wherever the folder is). */
    private static String onDisk(Path runFolder) {
        String where = LvaRun.CHECKPOINT_DIR + "/";
        if (runFolder == null) {
            return "none in " + where;
        }
        List<Path> files = new CheckpointFolder(runFolder.resolve(LvaRun.CHECKPOINT_DIR)).checkpoints();
        if (files.isEmpty()) {
            return "none in " + where;
        }
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            names.add(p.getFileName().toString());
        }
        return String.join(", ", names) + " in " + where;
    }

    /**
     * The run's options by the names {@code lva fit} takes ({@code --prune-from}, not pruneFrom),
     * lists comma-separated as typed; an option the command line does not have is marked as one
     * for the config file.
     */
    public static Map<String, String> commandLineOptions(RunConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        // what the model does not use is left out rather than shown as if it mattered: a conv-lvae has
        // no hidden widths and never scales its images; an MLP has no channels
        Set<String> unused = ModelDefaults.ignored(config.model()).keySet();
        Options.format(config).forEach((key, value) -> {
            if (unused.contains(key)) {
                return;
            }
            RunOption option = RunOptions.get(key);
            String shown = option.fitFlag() ? option.flag() : option.kebab() + " (config file)";
            out.put(shown, value.isEmpty() ? "(not given)" : value.replace(';', ','));
        });
        return out;
    }

    /**
     * {@link #commandLineOptions(RunConfig)} with {@code --latent 0} (as many as the data has columns,
     * or conv-lvae's default) shown as the width it gave on {@code data}: a report that says
     * {@code --latent 0} names no model that exists.
     */
    public static Map<String, String> commandLineOptions(RunConfig config, RunData data) {
        Map<String, String> out = commandLineOptions(config);
        if (!RunData.isImages(data.dataset())) {
            // a table is neither framed nor laid out: options for images only would read as if they mattered
            out.remove("--pad-to");
            out.remove("--layout");
            out.remove("--stream");
        }
        if (config.latent() == 0 && out.containsKey("--latent")) {
            out.put("--latent", config.convolutional() ? RunModels.CONV_LATENT + " (conv-lvae's default; --latent 0)"
                    : data.dataset().cols() + " (as many as the data has columns; --latent 0)");
        }
        return out;
    }

    private static String percent(double share) {
        return IntrinsicDimension.percent(share);
    }

    private static String fileName(String source) {
        String s = source.startsWith("builtin:") ? source.substring("builtin:".length()) : source;
        Path name = Path.of(s).getFileName();
        return name == null ? s : name.toString();
    }

    private static double[] column(INDArray a, int j, int[] rows) {
        INDArray c = a.getColumn(j).castTo(DataType.DOUBLE);
        double[] all = c.toDoubleVector();
        if (rows.length == all.length) {
            return all;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }

    private static double[] toDouble(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
