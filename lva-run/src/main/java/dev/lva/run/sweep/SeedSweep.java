package dev.lva.run.sweep;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.run.LvaRun;
import dev.lva.run.OutputFolder;
import dev.lva.run.Outputs;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.RunFigures;
import dev.lva.run.RunSummary;
import dev.lva.models.Consensus;
import dev.lva.models.IntrinsicDimension;
import dev.lva.models.LatentAnalysis;
import dev.lva.viz.Level;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import dev.lva.viz.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code lva fit --seeds}: the same analysis once per seed, a one-axis sweep on the sweep's own
 * machinery with the {@code threads} engine (never Spark). Each seed's run is a whole {@code lva fit}
 * into {@code OUT/seed-S/}, written by the driver as one piece once it has finished; then what the
 * seeds agree on ({@link Consensus}), the sorted stds of every seed in one figure
 * ({@code OUT/report.html}), their numbers in {@code OUT/seeds.json} and the sweep's table
 * ({@code OUT/sweep.csv}). The runs train side by side, as many at a time as the cores hold runs of
 * {@code --threads} threads; each run's numbers are those of the same {@code lva fit --seed S} alone
 * (same thread count). Running the same command again skips the seeds that finished and resumes
 * those that did not from their last checkpoint (kept in {@code OUT/checkpoints/seed-S/} while they
 * train); a folder that holds another run is refused unless {@code --overwrite}.
 */
public final class SeedSweep {
    /** The file of the seeds' numbers beside their run folders. */
    public static final String SEEDS_FILE = "seeds.json";
    /** What a refusal of a folder that holds another run says to do. */
    static final String REMEDY = "choose another --out, or add --overwrite to replace it";

    /**
     * One seed's finished run, as its {@code summary.json} states it.
     *
     * @param folder  its run folder, as the user's {@code --out} names it
     * @param summary its results
     */
    public record Seed(long seed, Path folder, RunSummary summary) {
        /** What it concludes. */
        public IntrinsicDimension verdict() {
            return summary.verdict();
        }

        /** Its latent stds, largest first. */
        public double[] stds() {
            return summary.stdsSorted();
        }
    }

    /**
     * What the seeds gave.
     *
     * @param seeds     each seed that finished, in the order the seeds were given
     * @param failed    each seed that did not, with why
     * @param consensus what the finished seeds agree on; null when none finished
     * @param report    the seeds' report, or null when it could not be written
     * @param warnings  what could not be made (a figure, a seed's report), one line each
     * @param sweep     how the sweep went (seeds finished before, resumed, trained)
     */
    public record Outcome(Map<Long, Seed> seeds, Map<Long, String> failed, Consensus consensus, Path report,
                          List<String> warnings, SweepRunner.Summary sweep) {

        /** The lines {@code lva fit --seeds} prints: one per seed, then the consensus. */
        public List<String> summary() {
            List<String> lines = new ArrayList<>();
            seeds.forEach((seed, s) -> {
                lines.add("seed " + seed + ": " + line(s.verdict()) + " (" + s.folder() + ")");
                if (s.verdict().warning() != null) {
                    lines.add("seed " + seed + ": warning: " + s.verdict().warning());
                }
            });
            failed.forEach((seed, why) -> lines.add("seed " + seed + ": " + why));
            lines.add("consensus: intrinsic dimension " + (consensus == null ? "none: no seed finished"
                    : consensus.text() + (failed.isEmpty() ? "" : "; " + failed.size() + " seed"
                    + (failed.size() == 1 ? "" : "s") + " did not finish")));
            return lines;
        }

        /** Whether every seed finished. */
        public boolean complete() {
            return failed.isEmpty();
        }
    }

    private SeedSweep() {
    }

    /** {@code 2 of 3 latent dimensions, second count 2, gap ratio 1.9e+03, converged at epoch 3140}. */
    static String line(IntrinsicDimension v) {
        String dims = !v.counted() ? "none of " + v.latent() + " latent dimensions (" + v.noCount() + ")"
                : v.count() + " of " + v.latent() + " latent dimensions";
        String gap = Double.isNaN(v.gapRatio()) ? "" : Double.isInfinite(v.gapRatio()) ? ", gap ratio infinite"
                : String.format(Locale.ROOT, ", gap ratio %.3g", v.gapRatio());
        String convergence = v.convergence();
        int cut = convergence.indexOf(" (");
        return "intrinsic dimension " + dims + (v.counted() ? ", second count " + v.stdCount() : "") + gap + ", "
                + (cut > 0 ? convergence.substring(0, cut) : convergence);
    }

    /**
     * {@code 0,1,2}, {@code 0-4} or a mix ({@code 0-2,7}): the seeds in the order given, each once.
     *
     * @param option how the user gave the list, for messages ({@code --seeds})
     */
    public static List<Long> parse(String spec, String option) {
        List<Long> seeds = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).strip());
                    long to = Long.parseLong(p.substring(dash + 1).strip());
                    if (to < from || to - from >= 1000) {
                        throw new LvaException(option + " " + spec + ": the range " + p + " must go up, by at most"
                                + " 1000 seeds");
                    }
                    for (long s = from; s <= to; s++) {
                        add(seeds, s, option, spec);
                    }
                } else {
                    add(seeds, Long.parseLong(p), option, spec);
                }
            } catch (NumberFormatException e) {
                throw new LvaException(option + " " + spec + ": '" + p + "' is not a seed; give whole numbers and"
                        + " ranges, e.g. 0,1,2 or 0-4");
            }
        }
        if (seeds.size() < 2) {
            throw new LvaException(option + " " + spec + ": give at least two seeds (one seed is --seed)");
        }
        return seeds;
    }

    private static void add(List<Long> seeds, long s, String option, String spec) {
        if (seeds.contains(s)) {
            throw new LvaException(option + " " + spec + ": seed " + s + " is given twice");
        }
        for (long other : seeds) {
            if (sameWeights(other, s)) {
                throw new LvaException(option + " " + spec + ": " + sameWeightsText(other, s));
            }
        }
        seeds.add(s);
    }

    /**
     * Whether two seeds start a model from the same weights: the weights' generator takes a seed's low
     * 32 bits (as PyTorch's {@code manual_seed} does, whose draws it repeats), so seeds equal modulo 2^32
     * would count twice in a consensus for one starting point (only the shuffling, which takes all 64
     * bits, would tell them apart).
     */
    public static boolean sameWeights(long a, long b) {
        return a != b && (a & 0xffffffffL) == (b & 0xffffffffL);
    }

    /** Why two such seeds are refused, naming both. */
    public static String sameWeightsText(long a, long b) {
        return "seeds " + a + " and " + b + " are the same seed to the weights' generator (it takes a seed's low 32"
                + " bits, as PyTorch's does): they would start from the same weights and count twice; give seeds that"
                + " differ modulo 2^32 (e.g. 0 to 4294967295)";
    }

    /** The runs a machine of {@code cores} cores trains at once with {@code threads} engine threads each. */
    public static int parallel(int seeds, int cores, int threads) {
        return Math.max(1, Math.min(seeds, cores / Math.max(1, threads)));
    }

    /** The run folder of a seed: {@code OUT/seed-S}. */
    public static String name(long seed) {
        return "seed-" + seed;
    }

    /**
     * The one-axis sweep: a point per seed, {@code base} with that seed, into {@code base.out()/seed-S}.
     * The folder names keep the user's {@code --out} as typed, as {@code lva fit --seed S --out OUT/seed-S}
     * would record it.
     */
    public static SweepPlan plan(RunConfig base, List<Long> seeds, Plugins plugins) {
        PluginSpec spec = PluginSpec.parse(base.regularizer());
        RegularizerProvider<?> provider = plugins.registry(RegularizerProvider.KIND).get(spec.name());
        String lambda = Options.format(Options.bind(provider.defaultOptions(), spec.options(), spec.name()))
                .get("lambda");
        List<SweepPoint> points = new ArrayList<>();
        for (long s : seeds) {
            RunConfig config = Options.bind(base, Map.of("seed", Long.toString(s), "out",
                    base.out().resolve(name(s)).toString()), "--seeds");
            points.add(new SweepPoint(name(s), Map.of("seed", Long.toString(s)), config, spec.name(),
                    lambda == null ? Double.NaN : Double.parseDouble(lambda)));
        }
        return new SweepPlan(base.out(), base.out(), List.of("seed"), points);
    }

    /**
     * Trains the seeds that have not finished in {@code base.out()}, {@code parallel} at a time on
     * this machine's threads, then writes what they agree on.
     *
     * @param data      the data as {@code lva fit} read it
     * @param threads   the engine threads of every run ({@code --threads})
     * @param overwrite replace a run in the folder that is not of these seeds (an {@code lva fit} run,
     *                  seeds of other options) instead of refusing the folder
     * @param log       where the sweep's progress lines go (stderr)
     */
    public static Outcome run(RunConfig base, List<Long> seeds, RunData data, Plugins plugins, int threads,
                              int parallel, boolean overwrite, PrintWriter log) throws InterruptedException {
        return run(base, seeds, data, plugins, threads, parallel, overwrite, false, log);
    }

    /**
     * As above.
     *
     * @param acceptChangedData go on though the data differ from those the folder's seeds trained on:
     *                          the finished seeds stay (with {@code overwrite} they are trained again)
     */
    public static Outcome run(RunConfig base, List<Long> seeds, RunData data, Plugins plugins, int threads,
                              int parallel, boolean overwrite, boolean acceptChangedData, PrintWriter log)
            throws InterruptedException {
        // discovered once, before the runs share it
        plugins.registry(dev.lva.api.plugin.ModelProvider.KIND);
        SweepPlan plan = plan(base, seeds, plugins);
        Path out = base.out();
        SweepRunner.Summary summary;
        // held for the whole command: an lva fit into the same folder waits its turn, and finds the seeds' files
        try (OutputFolder folder = OutputFolder.open(out)) {
            List<String> earlier = earlierFitRun(folder);
            if (!earlier.isEmpty()) {
                if (!overwrite) {
                    throw new LvaException("output folder " + out + " holds an earlier run (" + String.join(", ",
                            earlier) + "); " + REMEDY + " (it is kept until the seeds have finished)");
                }
                folder.setAsideEarlierRun();
            }
            SweepRunner runner = SweepRunner.of(plan, Map.of(base.precision().dataType().name(),
                    SweepData.of(data, base.precision().dataType())), threads, log).replace(overwrite, REMEDY).runReports(true).sweepReport(false)
                    .acceptChangedData(acceptChangedData);
            try (SweepExecutor executor = new ThreadsEngine().open(new EngineSettings(null, parallel, threads,
                    Map.of()))) {
                summary = runner.run(executor);
            } catch (InterruptedException | RuntimeException | Error e) {
                if (folder.hasEarlierRunAside()) {
                    folder.restoreEarlierRun();
                }
                throw e;
            }
            if (!earlier.isEmpty()) {
                // the seeds are written: the run they replace goes now, as lva fit --overwrite's does
                dropEarlierFitRun(out);
                folder.dropEarlierRun();
            }
            removeIfEmpty(out.resolve(LvaRun.CHECKPOINT_DIR));
        }
        return conclude(base, data, plan, summary);
    }

    /** Reads each seed's results back from its folder (those trained now and those finished before) and writes the seeds' files. */
    private static Outcome conclude(RunConfig base, RunData data, SweepPlan plan, SweepRunner.Summary summary) {
        Map<String, RunRecord> byName = new LinkedHashMap<>();
        summary.records().forEach(r -> byName.put(r.name(), r));
        Map<Long, Seed> seeds = new LinkedHashMap<>();
        Map<Long, String> failed = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            RunRecord r = byName.get(p.name());
            if (r == null || !r.ok()) {
                failed.put(p.seed(), r == null ? "not run" : r.status().label() + ": " + r.message());
                continue;
            }
            if (!r.message().isEmpty()) {
                warnings.add("seed " + p.seed() + ": " + r.message());
            }
            seeds.put(p.seed(), read(p.seed(), p.config().out(), plan.runDir(p.name())));
        }
        Consensus consensus = null;
        Path report = null;
        if (!seeds.isEmpty()) {
            Map<Long, IntrinsicDimension> verdicts = new LinkedHashMap<>();
            seeds.forEach((seed, s) -> verdicts.put(seed, s.verdict()));
            consensus = Consensus.of(verdicts);
            long digests = seeds.values().stream().map(s -> digest(s, "")).distinct().count();
            if (digests > 1) {
                warnings.add("the seeds trained on different data (" + SweepFolder.ACCEPT_CHANGED_DATA + " went on"
                        + " after the data changed); each seed's data_digest is in " + SEEDS_FILE + " and "
                        + SweepFolder.TABLE);
            }
            writeJson(base.out(), seeds, failed, consensus);
            try {
                report = report(base, data, seeds, failed, consensus, warnings);
            } catch (RuntimeException e) {
                warnings.add("the seeds' report could not be made (" + e.getMessage() + "); their numbers are in "
                        + base.out().resolve(SEEDS_FILE));
            }
        }
        return new Outcome(seeds, failed, consensus, report, warnings, summary);
    }

    /** What of a single {@code lva fit} run {@code OUT} holds ({@code report.html} is the seeds' own where {@code seeds.json} is). */
    private static List<String> earlierFitRun(OutputFolder folder) {
        boolean seeds = Files.isRegularFile(folder.dir().resolve(SEEDS_FILE));
        return folder.earlierRun().stream().filter(f -> !(seeds && f.equals("report.html"))).toList();
    }

    /** Removes the files of the single run {@code OUT} held (its checkpoints went with {@link OutputFolder#dropEarlierRun}). */
    private static void dropEarlierFitRun(Path out) {
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                boolean figure = n.startsWith("fig-") && n.endsWith(".png");
                if (Files.isRegularFile(p) && (figure || List.of(LvaRun.MODEL_FILE, Outputs.SUMMARY_FILE,
                        Outputs.LATENT_FILE, Outputs.CONFIG_FILE, "report.html").contains(n))) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier run from " + out + ": " + e, e);
        }
    }

    private static void removeIfEmpty(Path dir) {
        try (Stream<Path> rest = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            if (Files.isDirectory(dir) && rest.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // an empty folder left behind costs nothing
        }
    }

    /** A seed's results from the {@code summary.json} its run wrote (the numbers {@code lva fit --seed S} states). */
    static Seed read(long seed, Path shown, Path dir) {
        try {
            return new Seed(seed, shown, RunSummary.read(dir));
        } catch (LvaException e) {
            throw new LvaException(e.getMessage() + "; cannot read seed " + seed + "'s results: remove " + dir
                    + " to train it again", e);
        }
    }

    /** The digest of the data a seed trained on, or {@code none} where its summary records none. */
    private static String digest(Seed s, String none) {
        return s.summary().dataDigest() == null ? none : s.summary().dataDigest();
    }

    private static void writeJson(Path out, Map<Long, Seed> seeds, Map<Long, String> failed, Consensus consensus) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seeds", new ArrayList<>(seeds.keySet()));
        json.put("consensus", consensus.count() < 0 ? null : consensus.count());
        json.put("consensus_text", consensus.text());
        json.put("agreeing", consensus.agreeing());
        List<Map<String, Object>> runs = new ArrayList<>();
        seeds.forEach((seed, s) -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("seed", seed);
            run.put("folder", s.folder().toString());
            run.putAll(s.verdict().summary());
            run.put("stds_sorted", s.summary().stdsSorted());
            run.put("reconstruction_mse", s.summary().reconstructionMse());
            run.put("epochs", s.summary().epochs());
            run.put("data_digest", s.summary().dataDigest());
            runs.add(run);
        });
        json.put("runs", runs);
        if (!failed.isEmpty()) {
            List<Map<String, Object>> not = new ArrayList<>();
            failed.forEach((seed, why) -> not.add(Map.of("seed", seed, "why", why)));
            json.put("not_finished", not);
        }
        Outputs.writeJson(out.resolve(SEEDS_FILE), json);
    }

    private static Path report(RunConfig base, RunData data, Map<Long, Seed> seeds, Map<Long, String> failed,
                               Consensus consensus, List<String> warnings) {
        RunReport report = new RunReport("Least-volume analysis of " + data.source() + " over " + seeds.size()
                + " seeds");
        report.entry("Result", "consensus", "intrinsic dimension " + consensus.text());
        seeds.forEach((seed, s) -> report.entry("Result", "seed " + seed, line(s.verdict())));
        failed.forEach((seed, why) -> report.entry("Result", "seed " + seed, why));
        // what the console warned of (seeds on different data, a seed that could not run) stays with the report
        for (int i = 0; i < warnings.size(); i++) {
            report.entry("Result", warnings.size() == 1 ? "warning" : "warning " + (i + 1), warnings.get(i));
        }
        boolean oneData = seeds.values().stream().map(s -> digest(s, "")).distinct().count() <= 1;
        seeds.forEach((seed, s) -> report.entry("Runs", "seed " + seed, s.folder().resolve("report.html")
                + (oneData ? "" : " (data " + digest(s, "unknown") + ")")));
        RunFigures.commandLineOptions(base, data).forEach((k, v) -> {
            if (!k.equals("--seed") && !k.equals("--out")) {
                report.option(k, v);
            }
        });
        report.timing("training (all seeds, side by side)", seeds.values().stream()
                .map(s -> Duration.ofNanos((long) (s.summary().trainingSeconds() * 1e9)))
                .reduce(Duration.ZERO, (a, b) -> a.compareTo(b) > 0 ? a : b));
        report.figure("Sorted latent stds of every seed", () -> spectra(seeds));
        Path file = report.write(base.out());
        report.missingFigures().forEach((caption, why) -> warnings.add("figure '" + caption + "' is missing from the"
                + " seeds' report: " + why));
        return file;
    }

    /**
     * Each seed's stds over its largest, largest first, on one log axis, with the dashed line at
     * {@link LatentAnalysis#DEFAULT_RELATIVE_STD} of the largest that the second count counts by:
     * divided by its own largest, every seed has that line at the same height. The legend gives
     * each seed's intrinsic dimension. A std of exactly 0 (pruned) sits at the axis' floor.
     */
    static dev.lva.viz.Figure spectra(Map<Long, Seed> seeds) {
        double floor = Double.POSITIVE_INFINITY;
        for (Seed s : seeds.values()) {
            double largest = largest(s.stds());
            for (double v : s.stds()) {
                if (v > 0) {
                    floor = Math.min(floor, v / largest);
                }
            }
        }
        floor = Double.isFinite(floor) ? Math.min(floor, LatentAnalysis.DEFAULT_RELATIVE_STD) / 10 : 1e-12;
        List<Series> series = new ArrayList<>();
        for (Seed s : seeds.values()) {
            double[] stds = s.stds();
            double largest = largest(stds);
            double[] rank = new double[stds.length];
            double[] y = new double[stds.length];
            for (int i = 0; i < stds.length; i++) {
                rank[i] = i + 1;
                y[i] = largest > 0 ? Math.max(stds[i] / largest, floor) : floor;
            }
            IntrinsicDimension v = s.verdict();
            series.add(Series.of("seed " + s.seed() + ": " + (v.counted() ? "intrinsic dimension " + v.count()
                    : v.noVariance() ? "no count, the data has no variance" : "collapsed, no dimension kept"), rank, y));
        }
        return LinePlot.of(PlotOptions.titled("Sorted latent stds of every seed")
                        .withLabels("rank of the std (1 = largest)", "std / the seed's largest std").withLogY(true),
                series, List.of(), List.of(Level.at(LatentAnalysis.DEFAULT_RELATIVE_STD,
                        IntrinsicDimension.percent(LatentAnalysis.DEFAULT_RELATIVE_STD) + " of the largest std")));
    }

    private static double largest(double[] stds) {
        double m = 0;
        for (double v : stds) {
            m = Math.max(m, v);
        }
        return m;
    }
}
