package dev.lva.sweep.bench;

import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.Engine;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepGrid;
import dev.lva.run.sweep.SweepOptions;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepPoint;
import dev.lva.run.sweep.SweepRunner;
import dev.lva.run.sweep.ThreadsEngine;
import dev.lva.sweep.SparkEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sweep's benchmark: one grid run four ways in one JVM, alternating, a warm-up round first:
 * {@code fit}, its points as sequential {@code lva fit} runs (LvaRun on the loaded data, no Spark);
 * {@code threads[2]}, the whole sweep on the threads engine two runs at a time; and the whole sweep on
 * embedded Spark with {@code local[1]} and {@code local[2]} (Spark's start and stop, the broadcast,
 * every run folder, sweep.csv and the report included). Prints each round and the medians: Spark's
 * overhead is local[1] against fit and local[2] against threads[2] (the same two runs at a time without
 * Spark), the speed-up local[1] against local[2].
 *
 * <pre>bench/sweep.sh [--rounds 3] [sweep options...]</pre>
 */
public final class SweepBench {
    private SweepBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        List<String> grid = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                grid.add(args[i]);
            }
        }
        Engine.setThreads(1);
        Path work = Files.createTempDirectory("lva-sweep-bench-");
        Plugins plugins = Plugins.discover();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        List<String> modes = List.of("fit", "threads[2]", "local[1]", "local[2]");
        modes.forEach(m -> seconds.put(m, new ArrayList<>()));
        PrintWriter out = new PrintWriter(System.out, true);
        try {
            for (int round = 0; round <= rounds; round++) {
                List<String> order = new ArrayList<>(modes);
                java.util.Collections.rotate(order, round);
                StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
                for (String mode : order) {
                    Path dir = work.resolve(mode.replaceAll("\\W", ""));
                    delete(dir);
                    SweepPlan plan = plan(grid, dir, plugins);
                    long cpu0 = cpuNanos();
                    double s = time(mode, plan, dir, plugins);
                    double cores = (cpuNanos() - cpu0) / 1e9 / s;
                    line.append(String.format(Locale.ROOT, "  %s %.1f s (%.2f cores busy)", mode, s, cores));
                    if (round > 0) {
                        seconds.get(mode).add(s);
                    }
                }
                out.println(line);
            }
            long t0 = System.nanoTime();
            new SparkEngine().open(new EngineSettings(null, 2, 1, Map.of())).close();
            out.printf(Locale.ROOT, "Spark's start and stop alone: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            double fit = median(seconds.get("fit"));
            double one = median(seconds.get("local[1]"));
            double two = median(seconds.get("local[2]"));
            double threads = median(seconds.get("threads[2]"));
            out.printf(Locale.ROOT, "%d runs, medians of %d rounds: fit %.1f s, threads[2] %.1f s, local[1] %.1f s,"
                    + " local[2] %.1f s%n", plan(grid, work.resolve("x"), plugins).points().size(), rounds, fit,
                    threads, one, two);
            out.printf(Locale.ROOT, "Spark's overhead (local[1] / fit - 1): %+.1f%%%n", 100 * (one / fit - 1));
            out.printf(Locale.ROOT, "Spark's overhead on two cores (local[2] / threads[2] - 1): %+.1f%%%n",
                    100 * (two / threads - 1));
            out.printf(Locale.ROOT, "speed-up local[1] / local[2]: %.2fx%n", one / two);
        } finally {
            delete(work);
        }
    }

    private static SweepPlan plan(List<String> args, Path dir, Plugins plugins) {
        SweepOptions o = new SweepOptions();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            o.putTyped(args.get(i), args.get(i), List.of(args.get(i + 1)));
        }
        o.put("out", "bench", List.of(dir.toString()));
        return SweepGrid.plan(o, SweepOptions.defaults(), plugins);
    }

    private static double time(String mode, SweepPlan plan, Path dir, Plugins plugins) throws InterruptedException {
        long t0 = System.nanoTime();
        if (mode.equals("fit")) {
            for (SweepPoint p : plan.points()) {
                // what lva fit does per run: read and scale its data, train, analyse, write its folder
                RunConfig c = Options.bind(p.config(), Map.of("out", dir.resolve(p.name()).toString()), "bench");
                new LvaRun(c, plugins, null).run(RunData.load(c, c.precision().dataType()));
            }
        } else if (mode.startsWith("threads")) {
            try (SweepExecutor pool = new ThreadsEngine().open(new EngineSettings(null, 2, 1, Map.of()))) {
                SweepRunner.run(plan, pool, 1, new PrintWriter(new StringWriter()));
            }
        } else {
            int n = Integer.parseInt(mode.substring(6, 7));
            try (SweepExecutor spark = new SparkEngine().open(new EngineSettings(null, n, 1, Map.of()))) {
                SweepRunner.run(plan, spark, 1, new PrintWriter(new StringWriter()));
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** CPU time of the whole process, every thread: how many cores a mode kept busy. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
