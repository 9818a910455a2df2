package dev.lva.run.sweep;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.RunMemory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep engine without Spark: a pool of this machine's threads, {@code parallel} runs at a time.
 * What {@code lva fit --seeds} uses, and {@code lva sweep --engine threads}. No retries: a run whose
 * task breaks is reported as an error, and running the sweep again tries it again. Every run reads
 * the one copy of the data ({@link SweepData}), and no more run at a time than memory holds.
 */
public final class ThreadsEngine implements SweepEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadsEngine.class);
    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String description() {
        return "this machine's threads, no Spark";
    }

    @Override
    public SweepExecutor open(EngineSettings settings) {
        if (settings.master() != null) {
            throw new LvaException("--master " + settings.master() + ": the threads engine runs on this machine only;"
                    + " a master is for --engine spark");
        }
        if (!settings.conf().isEmpty()) {
            throw new LvaException("--conf " + settings.conf().keySet().iterator().next()
                    + ": engine settings are for --engine spark");
        }
        return new Pool(settings.parallel());
    }

    /**
     * A full collection frees a finished run's arrays before the next run starts, but stops every run
     * for tens of milliseconds (37 ms on average in bench/sweep.sh, 16 a sweep): it is made only where
     * a run's arrays are at least this share (1/N) of the array memory that was free.
     */
    static final int COLLECT_SHARE = 8;

    /**
     * How a pool runs its tasks.
     *
     * @param runs    runs at a time
     * @param collect whether a finished run's arrays are collected at once ({@link RunMemory#releaseFinishedRuns})
     */
    record Fit(int runs, boolean collect) {
    }

    /** Whether a finished run is collected at once: alone, or where its arrays are a share of what is free. */
    static boolean collects(int runs, RunMemory.Bytes need, RunMemory.Bytes free) {
        return runs <= 1 || need.nativeBytes() >= free.nativeBytes() / COLLECT_SHARE;
    }

    /**
     * The runs of {@code tasks} that fit side by side in this JVM, at most {@code parallel}: every run
     * reads the one copy of {@code data}, so a run needs only its model, a batch, its codes and its
     * checkpoints' bytes ({@link RunMemory#perRun}); the largest need among the tasks decides. One run
     * at a time always collects after each run (nothing else is stopped by it).
     */
    static Fit fitting(int parallel, Map<String, SweepData> data, List<SweepTask> tasks, ClassLoader loader) {
        if (parallel <= 1 || tasks.isEmpty()) {
            return new Fit(parallel, true);
        }
        Plugins plugins = Plugins.discover(loader != null ? loader : ThreadsEngine.class.getClassLoader());
        RunMemory.Bytes need = new RunMemory.Bytes(0, 0);
        Set<Map<String, String>> sized = new HashSet<>();
        for (SweepTask task : tasks) {
            // the seed, the penalty and the folder change no size: one model per shape is enough
            Map<String, String> shape = new TreeMap<>(task.config());
            shape.keySet().removeAll(List.of("seed", "regularizer", "out"));
            if (!sized.add(shape)) {
                continue;
            }
            SweepData d = data.get(task.dataKey());
            RunConfig config = Options.bind(RunConfig.fitDefaults(), task.config(), "run " + task.name());
            RunData rows = d.runData(null, false);
            RunMemory.Bytes n = RunMemory.perRun(RunMemory.model(config, rows, plugins), d.rows(),
                    rows.dataset().cols(), d.images(), config.batch(), true);
            need = new RunMemory.Bytes(Math.max(need.nativeBytes(), n.nativeBytes()),
                    Math.max(need.heapBytes(), n.heapBytes()));
        }
        RunMemory.Bytes free = RunMemory.free();
        int runs = RunMemory.parallel(parallel, need, free);
        boolean collect = collects(runs, need, free);
        if (runs < parallel) {
            LOG.warn("{} run(s) at a time instead of {}: a run needs about {} and this JVM has {} free (the data held"
                    + " once); more memory (LVA_JAVA_OPTS=-Xmx...) runs more side by side", runs, parallel,
                    need.text(), free.text());
        }
        return new Fit(runs, collect);
    }

    private static final class Pool implements SweepExecutor {
        private volatile int parallel;

        Pool(int parallel) {
            this.parallel = parallel;
        }

        @Override
        public String describe() {
            return "threads (" + parallel + " run" + (parallel == 1 ? "" : "s") + " at a time)";
        }

        @Override
        public void run(Map<String, SweepData> data, List<SweepTask> tasks, Events events) throws InterruptedException {
            // the workers only train; everything they report is handed to the caller's thread through here
            LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
            AtomicInteger left = new AtomicInteger(tasks.size());
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            // no more runs at a time than memory holds (the sweep's report then states the number)
            Fit fit = fitting(parallel, data, tasks, loader);
            parallel = fit.runs();
            AtomicInteger number = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "lva-sweep-run-" + number.incrementAndGet());
                t.setDaemon(true);
                t.setContextClassLoader(loader);
                return t;
            };
            ExecutorService pool = Executors.newFixedThreadPool(parallel, factory);
            try {
                for (SweepTask task : tasks) {
                    pool.execute(() -> {
                        Runnable report;
                        try {
                            // the run's folder stays on this machine and is moved into place, never read
                            RunOutcome o = PointTrainer.trainHere(task, data.get(task.dataKey()),
                                    c -> inbox.add(() -> events.checkpoint(c)));
                            report = () -> {
                                try {
                                    events.finished(o);
                                } finally {
                                    o.files().discard();
                                }
                            };
                        } catch (RuntimeException | Error e) {
                            String message = e.getMessage() == null ? e.toString() : e.getMessage();
                            report = () -> events.error(task.name(), message);
                        }
                        // the run's model and buffers are garbage now: freed before the next run starts
                        // beside the others, not when a full collection happens to come (where they matter)
                        if (fit.collect()) {
                            RunMemory.releaseFinishedRuns();
                        }
                        Runnable done = report;
                        inbox.add(() -> {
                            left.decrementAndGet();
                            done.run();
                        });
                    });
                }
                while (left.get() > 0) {
                    inbox.take().run();
                }
                // checkpoints a finished run sent just before its result are of no use any more
            } finally {
                pool.shutdownNow();
            }
        }

        @Override
        public void close() {
            // the pool lives only as long as run()
        }
    }
}
