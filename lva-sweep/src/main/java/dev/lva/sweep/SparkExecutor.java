package dev.lva.sweep;

import dev.lva.api.LvaException;
import dev.lva.run.sweep.CheckpointBytes;
import dev.lva.run.sweep.RunOutcome;
import dev.lva.run.sweep.SweepData;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Spark context that trains grid points. Each point is a job of one task, submitted
 * asynchronously, so results arrive (and run folders are written) as each finishes, while Spark
 * schedules the tasks in grid order onto free cores, retries a failed one and moves those of a lost
 * executor elsewhere. The data goes out once as a broadcast.
 */
final class SparkExecutor implements SweepExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SparkExecutor.class);
    /** How long a cluster may take to give the sweep its first executor. */
    static final long EXECUTOR_WAIT_SECONDS = 120;

    private final JavaSparkContext sc;
    private final boolean local;
    private final int threads;
    private final LinkedBlockingQueue<CheckpointBytes> checkpoints = new LinkedBlockingQueue<>();
    private final HeartbeatCheckpoints listener = new HeartbeatCheckpoints(checkpoints);

    SparkExecutor(JavaSparkContext sc, boolean local, int threads) {
        this.sc = sc;
        this.local = local;
        this.threads = threads;
        sc.sc().addSparkListener(listener);
    }

    @Override
    public String describe() {
        return "Spark " + sc.version() + " " + sc.master() + (threads > 1 ? " (" + threads + " cores per run)" : "");
    }

    private record Pending(SweepTask task, JavaFutureAction<List<RunOutcome>> result) {
    }

    @Override
    public void run(Map<String, SweepData> data, List<SweepTask> tasks, Events events) throws InterruptedException {
        Broadcast<Map<String, SweepData>> shared = sc.broadcast(new HashMap<>(data));
        List<Pending> pending = new ArrayList<>();
        try {
            for (SweepTask task : tasks) {
                CheckpointAccumulator acc = new CheckpointAccumulator();
                sc.sc().register(acc);
                sc.setJobDescription("lva sweep: " + task.name());
                pending.add(new Pending(task, sc.parallelize(List.of(task), 1).map(new TrainPoint(shared, acc))
                        .collectAsync()));
            }
            Map<String, Long> sent = new HashMap<>();
            long start = System.nanoTime();
            while (!pending.isEmpty()) {
                CheckpointBytes c = checkpoints.poll(100, TimeUnit.MILLISECONDS);
                for (; c != null; c = checkpoints.poll()) {
                    // every heartbeat repeats a task's newest checkpoint: pass each on once
                    if (c.step() > sent.getOrDefault(c.run(), -1L)) {
                        sent.put(c.run(), c.step());
                        events.checkpoint(c);
                    }
                }
                for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    if (p.result().isDone()) {
                        it.remove();
                        report(p, events);
                    }
                }
                if (!local && listener.executors() == 0
                        && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(EXECUTOR_WAIT_SECONDS)) {
                    throw new LvaException("no Spark executor joined the sweep within " + EXECUTOR_WAIT_SECONDS
                            + " s: does " + sc.master() + " have a worker with " + threads + " free core(s) and the"
                            + " memory spark.executor.memory asks for?");
                }
            }
        } finally {
            for (Pending p : pending) {
                p.result().cancel(true);
            }
            shared.destroy();
        }
    }

    private static void report(Pending p, Events events) throws InterruptedException {
        try {
            List<RunOutcome> out = p.result().get();
            events.finished(out.get(0));
        } catch (ExecutionException e) {
            events.error(p.task().name(), rootMessage(e));
        }
    }

    /** Spark wraps a task's exception in "Job aborted due to stage failure: ..." with the cause's text inside. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int newline = m.indexOf('\n');
        m = newline < 0 ? m : m.substring(0, newline);
        return m.length() > 300 ? m.substring(0, 297) + "..." : m;
    }

    @Override
    public void close() {
        try {
            sc.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping Spark: {}", e.toString());
        }
    }
}
