package dev.lva.examples.sweep;

import dev.lva.api.LvaException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sweep engine without Spark: a pool of this machine's threads, {@code parallel} runs at a time.
 * What {@code lva fit --seeds} uses, and {@code lva sweep --engine threads}. No retries: a run whose
 * task breaks is reported as an error, and running the sweep again tries it again.
 */
public final class ThreadsEngine implements SweepEngine {
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

    private static final class Pool implements SweepExecutor {
        private final int parallel;

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
                            RunOutcome o = PointTrainer.train(task, data.get(task.dataKey()),
                                    c -> inbox.add(() -> events.checkpoint(c)));
                            report = () -> events.finished(o);
                        } catch (RuntimeException | Error e) {
                            String message = e.getMessage() == null ? e.toString() : e.getMessage();
                            report = () -> events.error(task.name(), message);
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
