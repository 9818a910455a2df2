package dev.lva.run.sweep;

import dev.lva.api.plugin.Options;
import dev.lva.core.checkpoint.DataDigest;
import dev.lva.run.PaperMetrics;
import dev.lva.run.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The driver of a sweep: finds what an earlier run of the same sweep finished (skipped) or left
 * checkpoints of (resumed), hands the rest to an engine, writes each run's folder and the table as
 * results arrive, and the report at the end. Only this thread writes into the sweep's folder.
 */
public final class SweepRunner {

    /**
     * How a sweep went.
     *
     * @param records every run's row that there is, in grid order
     * @param report  the sweep's report, or null when the caller writes its own ({@link #sweepReport})
     */
    public record Summary(int runs, int skipped, int resumed, int started, int ok, int failed, int errors,
                          Path table, Path report, List<RunRecord> records) {
        public Summary {
            records = List.copyOf(records);
        }
    }

    private final SweepPlan plan;
    private final Map<String, SweepData> data;
    private final int threads;
    private final Map<String, String> info;
    private final PrintWriter log;
    private boolean retryFailed;
    private boolean replace;
    private String remedy = SweepFolder.REMEDY;
    private boolean runReports;
    private boolean sweepReport = true;
    private boolean acceptChangedData;
    private int parallel;

    /**
     * @param data    the sweep's data by {@link SweepData#dataType()} name
     * @param threads the engine threads of every run
     * @param info    what the report shows first (data, engine)
     * @param log     where progress lines go (one per finished run)
     */
    public SweepRunner(SweepPlan plan, Map<String, SweepData> data, int threads, Map<String, String> info,
                       PrintWriter log) {
        this.plan = plan;
        this.data = data;
        this.threads = threads;
        this.info = new LinkedHashMap<>(info);
        this.log = log;
    }

    /** Loads the data once (each precision the grid uses) and runs the sweep on a started engine. */
    public static Summary run(SweepPlan plan, SweepExecutor executor, int threads, PrintWriter log)
            throws InterruptedException {
        return run(plan, executor, threads, log, false);
    }

    /** @param retryFailed train again the runs that failed on their own in an earlier sweep */
    public static Summary run(SweepPlan plan, SweepExecutor executor, int threads, PrintWriter log, boolean retryFailed)
            throws InterruptedException {
        return run(plan, executor, threads, log, retryFailed, false);
    }

    /** @param runReports each run also writes its figures and report.html, as {@code lva fit} does */
    public static Summary run(SweepPlan plan, SweepExecutor executor, int threads, PrintWriter log, boolean retryFailed,
                              boolean runReports) throws InterruptedException {
        return of(plan, Map.of(), threads, log).retryFailed(retryFailed).runReports(runReports).run(executor);
    }

    /**
     * A driver for {@code plan} that loads the data once for each precision the grid uses, unless
     * {@code loaded} has it already (by {@link SweepData#dataType()} name).
     */
    public static SweepRunner of(SweepPlan plan, Map<String, SweepData> loaded, int threads, PrintWriter log) {
        Map<String, SweepData> data = new LinkedHashMap<>();
        for (SweepPoint p : plan.points()) {
            String key = p.config().precision().dataType().name();
            if (!data.containsKey(key)) {
                data.put(key, loaded.containsKey(key) ? loaded.get(key) : SweepData.load(p.config()));
            }
        }
        // labels or true parameters that do not fit the data would fail every run of the grid, each
        // recorded as failed (and skipped when the sweep is run again): refused once, before any run
        Set<String> checked = new HashSet<>();
        for (SweepPoint p : plan.points()) {
            RunConfig c = p.config();
            SweepData d = data.get(c.precision().dataType().name());
            if ((c.labels() != null || c.truth() != null)
                    && checked.add(c.labels() + "|" + c.truth() + "|" + c.limit() + "|" + d.rows())) {
                PaperMetrics.checkInputs(c, d.rows(), d.source());
            }
        }
        SweepData first = data.values().iterator().next();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("data", first.source());
        info.put(first.images() ? "images (N x C x H x W)" : "rows x columns", first.shapeText());
        info.put("threads per run", Integer.toString(threads));
        return new SweepRunner(plan, data, threads, info, log);
    }

    /**
     * Trains again, and replaces, a run folder that holds another run (of other options, or not this
     * sweep's), instead of refusing it with {@code remedy}.
     */
    public SweepRunner replace(boolean replace, String remedy) {
        this.replace = replace;
        this.remedy = remedy;
        return this;
    }

    /** Each run also draws its figures and writes its own {@code report.html}, as {@code lva fit} does. */
    public SweepRunner runReports(boolean reports) {
        this.runReports = reports;
        return this;
    }

    /** Whether this driver writes the sweep's {@code report.html} (false: the caller writes its own). */
    public SweepRunner sweepReport(boolean write) {
        this.sweepReport = write;
        return this;
    }

    /**
     * Goes on when the data differ from those the folder's runs trained on: the finished runs stay
     * (each row names its data) and the rest train on these data; false refuses such a folder.
     */
    public SweepRunner acceptChangedData(boolean accept) {
        this.acceptChangedData = accept;
        return this;
    }

    /**
     * Runs the engine trains at a time, for the estimate of the time left printed after the first
     * run ends (0: not known, as on a cluster; the estimate is then per run).
     */
    public SweepRunner parallel(int runsAtATime) {
        this.parallel = runsAtATime;
        return this;
    }

    /** Trains again the runs that failed on their own before (after a fix, or to see it fail once more). */
    public SweepRunner retryFailed(boolean retry) {
        this.retryFailed = retry;
        return this;
    }

    public Summary run(SweepExecutor executor) throws InterruptedException {
        requireDistinctStarts();
        SweepFolder folder = new SweepFolder(plan.out(), plan.runs(), replace, remedy);
        if (sweepReport) {
            // a sweep of its own (lva fit --seeds checks its folder itself, and may replace a run there)
            folder.requireNoSingleRunOrSeeds();
        }
        try (AutoCloseable lock = folder.prepare()) {
            Set<String> names = new HashSet<>();
            plan.points().forEach(p -> names.add(p.name()));
            Map<String, DataDigest> digests = new LinkedHashMap<>();
            data.forEach((type, d) -> digests.put(type, d.digest()));
            for (String line : folder.checkData(digests, info.getOrDefault("data", "the data"), acceptChangedData)) {
                log.println("sweep: " + line);
            }
            folder.setAsideRunsNotIn(names);
            Summary summary;
            try {
                summary = run(executor, folder);
            } catch (InterruptedException | RuntimeException | Error e) {
                folder.restoreAside();
                throw e;
            }
            folder.dropAside(names);
            return summary;
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("releasing the lock of " + plan.out() + ": " + e, e);
        }
    }

    /** Refuses two runs that differ only in seeds equal modulo 2^32: one start, counted twice (see {@link SeedSweep#sameWeights}). */
    private void requireDistinctStarts() {
        Map<String, SweepPoint> seen = new LinkedHashMap<>();
        for (SweepPoint p : plan.points()) {
            Map<String, String> key = new java.util.TreeMap<>(p.values());
            key.put("seed", Long.toString(p.seed() & 0xffffffffL));
            SweepPoint other = seen.putIfAbsent(key.toString(), p);
            if (other != null && SeedSweep.sameWeights(other.seed(), p.seed())) {
                throw new dev.lva.api.LvaException("runs " + other.name() + " and " + p.name() + ": "
                        + SeedSweep.sameWeightsText(other.seed(), p.seed()));
            }
        }
    }

    private Summary run(SweepExecutor executor, SweepFolder folder) throws InterruptedException {
        Map<String, SweepPoint> byName = new LinkedHashMap<>();
        Map<String, RunRecord> records = new LinkedHashMap<>();
        List<SweepTask> tasks = new ArrayList<>();
        int resumed = 0;
        // the thread counts the resumed runs' checkpoints trained with, where not this sweep's: count -> runs
        Map<String, Integer> otherThreads = new java.util.TreeMap<>();
        for (SweepPoint p : plan.points()) {
            byName.put(p.name(), p);
            Optional<RunRecord> done = folder.finished(p);
            if (done.isPresent() && !(retryFailed && done.get().status() == RunOutcome.Status.FAILED)) {
                records.put(p.name(), done.get());
                continue;
            }
            Optional<CheckpointBytes> from = folder.checkpoint(p);
            resumed += from.isPresent() ? 1 : 0;
            if (from.isPresent()) {
                String then = folder.checkpointThreads(p);
                if (then != null && !then.equals(Integer.toString(threads))) {
                    otherThreads.merge(then, 1, Integer::sum);
                }
            }
            tasks.add(new SweepTask(p.name(), Options.format(p.config()), threads, from.orElse(null), runReports));
        }
        int skipped = records.size();
        List<SweepPoint> toRun = new ArrayList<>();
        tasks.forEach(t -> toRun.add(byName.get(t.name())));
        SweepGrid.checkShapes(plan.axes(), toRun, data);
        log.printf(Locale.ROOT, "sweep: %d runs into %s: %d finished before, %d resume from a checkpoint, %d start;"
                + " on %s%n", plan.points().size(), shown(plan.out()), skipped, resumed, tasks.size() - resumed,
                executor.describe());
        if (!otherThreads.isEmpty()) {
            log.println(threadsNote(otherThreads, threads));
        }
        log.flush();
        Path table = plan.out().resolve(SweepFolder.TABLE);
        SweepTable.write(table, plan.axes(), ordered(records), folder::dataOf);
        if (!tasks.isEmpty()) {
            Set<String> ended = new HashSet<>();
            int[] count = {skipped};
            boolean[] estimated = {false};
            // the estimate is by the clock, not by the run's training seconds: a run's evaluation after
            // training (the pruning curves, principal counts, figures) can take longer than its training
            long started = System.nanoTime();
            executor.run(data, tasks, new SweepExecutor.Events() {
                @Override
                public void checkpoint(CheckpointBytes c) {
                    if (!ended.contains(c.run()) && byName.containsKey(c.run())) {
                        folder.saveCheckpoint(byName.get(c.run()), c);
                    }
                }

                @Override
                public void finished(RunOutcome outcome) {
                    SweepPoint p = byName.get(outcome.run());
                    folder.writeRun(p, outcome);
                    folder.dropCheckpoints(p.name());
                    end(RunRecord.of(p, outcome.status(), outcome.message(), outcome.metrics()));
                }

                @Override
                public void error(String run, String message) {
                    end(RunRecord.of(byName.get(run), RunOutcome.Status.ERROR, message, null));
                }

                private void end(RunRecord r) {
                    ended.add(r.name());
                    records.put(r.name(), r);
                    count[0]++;
                    SweepTable.write(table, plan.axes(), ordered(records), folder::dataOf);
                    log.printf(Locale.ROOT, "[%d/%d] %s: %s%n", count[0], plan.points().size(), r.name(), describe(r));
                    int left = plan.points().size() - count[0];
                    if (!estimated[0] && r.ok() && left > 0) {
                        estimated[0] = true;
                        log.println(estimate((System.nanoTime() - started) / 1e9, left, parallel));
                    }
                    log.flush();
                }
            });
        }
        List<RunRecord> all = ordered(records);
        Map<String, String> facts = new LinkedHashMap<>(info);
        facts.put("engine", executor.describe());
        facts.put("folder", plan.out().toString());
        Path report = !sweepReport ? null : SweepReport.write(plan.out(), "Sweep of " + info.getOrDefault("data",
                "lva fit"), facts, plan.axes(), plan.points(), all);
        int ok = (int) all.stream().filter(RunRecord::ok).count();
        int failed = (int) all.stream().filter(r -> r.status() == RunOutcome.Status.FAILED).count();
        int errors = (int) all.stream().filter(r -> r.status() == RunOutcome.Status.ERROR).count();
        return new Summary(plan.points().size(), skipped, resumed, tasks.size() - resumed, ok, failed, errors, table,
                report, all);
    }

    private List<RunRecord> ordered(Map<String, RunRecord> records) {
        List<RunRecord> out = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            RunRecord r = records.get(p.name());
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The time the rest of a sweep takes, measured on its first finished run from the sweep's start to its
     * end, evaluation and files included (runs of one grid differ, so this is a guide): {@code sweep: the first run to finish took 12.3 s; the 239 left take about 25 min at
     * 2 at a time}.
     */
    static String estimate(double seconds, int left, int parallel) {
        String first = String.format(Locale.ROOT, "sweep: the first run to finish took %.1f s; ", seconds);
        if (parallel < 1) {
            return first + "the " + left + " left take about as long each (an estimate from that run)";
        }
        double total = Math.ceil(left / (double) parallel) * seconds;
        return first + "the " + left + " left take about " + duration(total) + " at " + parallel + " at a time"
                + " (an estimate from that run)";
    }

    /** A wall time as a sweep or study states it: {@code 12 s}, {@code 24 min}, {@code 1.5 h}. */
    public static String duration(double s) {
        if (s < 1) {
            return "under a second";
        }
        if (s < 90) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 90 * 60) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    static String describe(RunRecord r) {
        if (!r.ok()) {
            return r.status().label() + ": " + r.message();
        }
        RunMetrics m = r.metrics();
        String counts = !m.counted() ? "no count (" + noCountReason(m) + ")"
                : String.format(Locale.ROOT, "%d dimension%s (%d std%s above 1%% of the largest)", m.dimsExplained(),
                m.dimsExplained() == 1 ? "" : "s", m.dimsStd(), m.dimsStd() == 1 ? "" : "s");
        return String.format(Locale.ROOT, "%s, reconstruction MSE %.4g,"
                + " %s, %.1f s", counts, m.reconstruction(), m.converged() == null ? "convergence not measured"
                        : m.converged() ? "converged" : "not converged", m.seconds());
    }

    /**
     * What {@code lva resume} notes, said once for a sweep: {@code runs} by the thread count their
     * checkpoints trained with resume on {@code threads}, so their numbers differ by rounding from
     * those of uninterrupted runs (products are cut by the thread count).
     */
    static String threadsNote(Map<String, Integer> runs, int threads) {
        int n = runs.values().stream().mapToInt(Integer::intValue).sum();
        List<String> then = new ArrayList<>();
        runs.forEach((t, k) -> then.add(t + " thread" + ("1".equals(t) ? "" : "s") + (runs.size() == 1 ? ""
                : " (" + k + " run" + (k == 1 ? "" : "s") + ")")));
        String first = runs.keySet().iterator().next();
        return "sweep: " + n + " run" + (n == 1 ? "" : "s") + " resume" + (n == 1 ? "s" : "") + " from checkpoints"
                + " trained on " + String.join(", ", then) + " and go" + (n == 1 ? "es" : "") + " on with --threads "
                + threads + ": the resumed numbers will differ from an uninterrupted run's by rounding"
                + (runs.size() == 1 ? " (--threads " + first + " continues " + (n == 1 ? "it" : "them") + " exactly)"
                : " (the checkpoint's own thread count continues each exactly)");
    }

    /**
     * Why a run has no count, as the run knows it: its data has no variance, or they vary and its code
     * collapsed (no dimension carries them); both only for a run folder of an older lva, which did not say.
     */
    static String noCountReason(RunMetrics m) {
        if (m.noVariance() == null) {
            return "no dimension carries the data, or the data has no variance";
        }
        return m.noVariance() ? "the data has no variance: nothing to count"
                : "the data vary but no dimension carries them: the code collapsed";
    }

    /**
     * A path as the user would write it: relative to the working folder when it lies under it (as
     * {@code lva fit} prints its paths), absolute otherwise. The plan holds absolute paths so that a
     * run's folder does not depend on where an executor starts.
     */
    public static Path shown(Path path) {
        if (path == null) {
            return null;
        }
        Path here = Path.of("").toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(here) && !p.equals(here) ? here.relativize(p) : p;
    }
}
