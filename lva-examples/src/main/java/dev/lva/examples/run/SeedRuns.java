package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.models.Consensus;
import dev.lva.models.IntrinsicDimension;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import dev.lva.viz.report.RunReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code lva fit --seeds}: the same analysis once per seed, each run a whole {@code lva fit} into
 * {@code OUT/seed-S/}, then what the seeds agree on ({@link Consensus}) and the sorted stds of every
 * seed in one figure ({@code OUT/report.html}, {@code OUT/seeds.json}). The runs train side by side
 * on this machine's cores, as many at a time as the cores hold runs of {@code --threads} threads;
 * each run's numbers are those of the same {@code lva fit --seed S} alone (same thread count).
 *
 * <p>This is a one-axis sweep; issue 16's sweep machinery (a grid of {@code lva fit} runs on a local
 * thread pool or Spark) can take over {@link #train}'s pool without changing what is written.
 */
public final class SeedRuns {
    /** The file of the seeds' numbers beside their run folders. */
    public static final String SEEDS_FILE = "seeds.json";

    /**
     * What the seeds gave.
     *
     * @param results   each seed's run, in the order the seeds were given
     * @param consensus what they agree on
     * @param report    the seeds' report, or null when it could not be written
     * @param warnings  what could not be made (a figure, a seed's report), one line each
     */
    public record Outcome(Map<Long, LvaRun.Result> results, Consensus consensus, Path report, List<String> warnings) {

        /** The lines {@code lva fit --seeds} prints: one per seed, then the consensus. */
        public List<String> summary() {
            List<String> lines = new ArrayList<>();
            results.forEach((seed, r) -> {
                IntrinsicDimension v = r.verdict();
                lines.add("seed " + seed + ": " + line(v) + " (" + r.config().out() + ")");
                if (v.warning() != null) {
                    lines.add("seed " + seed + ": warning: " + v.warning());
                }
            });
            lines.add("consensus: intrinsic dimension " + consensus.text());
            return lines;
        }
    }

    private SeedRuns() {
    }

    /** {@code 2 of 3 latent dimensions, second count 2, gap ratio 1.9e+03, converged at epoch 3140}. */
    static String line(IntrinsicDimension v) {
        String dims = v.collapsed() ? "none of " + v.latent() + " latent dimensions (" + IntrinsicDimension.COLLAPSED
                + ")" : v.count() + " of " + v.latent() + " latent dimensions";
        String gap = Double.isNaN(v.gapRatio()) ? "" : Double.isInfinite(v.gapRatio()) ? ", gap ratio infinite"
                : String.format(Locale.ROOT, ", gap ratio %.3g", v.gapRatio());
        String convergence = v.convergence();
        int cut = convergence.indexOf(" (");
        return "intrinsic dimension " + dims + ", second count " + v.stdCount() + gap + ", "
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
        seeds.add(s);
    }

    /** The runs a machine of {@code cores} cores trains at once with {@code threads} engine threads each. */
    public static int parallel(int seeds, int cores, int threads) {
        return Math.max(1, Math.min(seeds, cores / Math.max(1, threads)));
    }

    /**
     * Trains one run per seed into {@code base.out()/seed-S}, {@code parallel} at a time, then writes
     * each run's report, the seeds' report and {@code seeds.json}.
     *
     * @param log where a line goes as each seed finishes (stderr), or null
     */
    public static Outcome run(RunConfig base, List<Long> seeds, RunData data, Plugins plugins, int parallel,
                              boolean overwrite, PrintStream log) {
        Map<Long, RunConfig> configs = new LinkedHashMap<>();
        for (long s : seeds) {
            configs.put(s, Options.bind(base, Map.of("seed", Long.toString(s), "out",
                    base.out().resolve("seed-" + s).toString()), "--seeds"));
        }
        Map<Long, LvaRun.Result> results = train(configs, data, plugins, parallel, overwrite, log);
        List<String> warnings = new ArrayList<>();
        results.forEach((seed, r) -> LvaRun.report(r).warnings().forEach(w -> warnings.add("seed " + seed + ": " + w)));
        Map<Long, IntrinsicDimension> verdicts = new LinkedHashMap<>();
        results.forEach((seed, r) -> verdicts.put(seed, r.verdict()));
        Consensus consensus = Consensus.of(verdicts);
        writeJson(base.out(), results, consensus);
        Path report = null;
        try {
            report = report(base, data, results, consensus, warnings);
        } catch (RuntimeException e) {
            warnings.add("the seeds' report could not be made (" + e.getMessage() + "); their numbers are in "
                    + base.out().resolve(SEEDS_FILE));
        }
        return new Outcome(results, consensus, report, warnings);
    }

    /** The runs on a pool of {@code parallel} threads; the first run that fails fails the command, after the others. */
    private static Map<Long, LvaRun.Result> train(Map<Long, RunConfig> configs, RunData data, Plugins plugins,
                                                  int parallel, boolean overwrite, PrintStream log) {
        // discovered once, before the runs share it
        plugins.registry(dev.lva.api.plugin.ModelProvider.KIND);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "lva-seed-" + number.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        Map<Long, Future<LvaRun.Result>> futures = new LinkedHashMap<>();
        try {
            configs.forEach((seed, cfg) -> futures.put(seed, pool.submit((Callable<LvaRun.Result>) () -> {
                LvaRun.Result r = new LvaRun(cfg, plugins, null).run(data, overwrite);
                if (log != null) {
                    synchronized (log) {
                        log.println("lva: seed " + seed + " done (" + done.incrementAndGet() + " of " + configs.size()
                                + ", " + String.format(Locale.ROOT, "%.1f s", r.trainingTime().toNanos() / 1e9)
                                + "): intrinsic dimension " + (r.verdict().collapsed() ? "none" : r.verdict().count()));
                        log.flush();
                    }
                }
                return r;
            })));
            Map<Long, LvaRun.Result> results = new LinkedHashMap<>();
            RuntimeException first = null;
            for (Map.Entry<Long, Future<LvaRun.Result>> e : futures.entrySet()) {
                try {
                    results.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException x) {
                    Throwable cause = x.getCause();
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    if (first == null) {
                        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                        first = new LvaException("seed " + e.getKey() + ": " + why, cause);
                    }
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw new LvaException("interrupted while the seeds trained", x);
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeJson(Path out, Map<Long, LvaRun.Result> results, Consensus consensus) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seeds", new ArrayList<>(results.keySet()));
        json.put("consensus", consensus.count() < 0 ? null : consensus.count());
        json.put("consensus_text", consensus.text());
        json.put("agreeing", consensus.agreeing());
        List<Map<String, Object>> runs = new ArrayList<>();
        results.forEach((seed, r) -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("seed", seed);
            run.put("folder", r.config().out().toString());
            run.putAll(r.verdict().summary());
            run.put("stds_sorted", r.analysis().sortedStds());
            run.put("reconstruction_mse", r.analysis().lossNone());
            run.put("epochs", r.training().epochs());
            runs.add(run);
        });
        json.put("runs", runs);
        Outputs.writeJson(out.resolve(SEEDS_FILE), json);
    }

    private static Path report(RunConfig base, RunData data, Map<Long, LvaRun.Result> results, Consensus consensus,
                               List<String> warnings) {
        RunReport report = new RunReport("Least-volume analysis of " + data.source() + " over " + results.size()
                + " seeds");
        report.entry("Result", "consensus", "intrinsic dimension " + consensus.text());
        results.forEach((seed, r) -> report.entry("Result", "seed " + seed, line(r.verdict())));
        results.forEach((seed, r) -> report.entry("Runs", "seed " + seed, r.config().out().resolve("report.html")
                .toString()));
        RunFigures.commandLineOptions(base).forEach((k, v) -> {
            if (!k.equals("--seed") && !k.equals("--out")) {
                report.option(k, v);
            }
        });
        report.timing("training (all seeds, side by side)", results.values().stream().map(LvaRun.Result::trainingTime)
                .reduce(Duration.ZERO, (a, b) -> a.compareTo(b) > 0 ? a : b));
        report.figure("Sorted latent stds of every seed", () -> spectra(results));
        Path file = report.write(base.out());
        report.missingFigures().forEach((caption, why) -> warnings.add("figure '" + caption + "' is missing from the"
                + " seeds' report: " + why));
        return file;
    }

    /** Each seed's stds, largest first, on one log axis; a std of exactly 0 (pruned) sits at the axis' floor. */
    static dev.lva.viz.Figure spectra(Map<Long, LvaRun.Result> results) {
        double floor = Double.POSITIVE_INFINITY;
        for (LvaRun.Result r : results.values()) {
            for (double s : r.analysis().sortedStds()) {
                if (s > 0) {
                    floor = Math.min(floor, s);
                }
            }
        }
        floor = Double.isFinite(floor) ? floor / 10 : 1e-12;
        List<Series> series = new ArrayList<>();
        for (Map.Entry<Long, LvaRun.Result> e : results.entrySet()) {
            double[] s = e.getValue().analysis().sortedStds();
            double[] rank = new double[s.length];
            double[] y = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                rank[i] = i + 1;
                y[i] = Math.max(s[i], floor);
            }
            IntrinsicDimension v = e.getValue().verdict();
            series.add(Series.of("seed " + e.getKey() + ": " + (v.collapsed() ? "none" : v.count()), rank, y));
        }
        return LinePlot.of(PlotOptions.titled("Sorted latent stds of every seed")
                .withLabels("rank of the std (1 = largest)", "standard deviation").withLogY(true), series);
    }
}
