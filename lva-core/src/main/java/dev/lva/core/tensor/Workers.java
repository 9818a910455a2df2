package dev.lva.core.tensor;

import dev.lva.api.LvaException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's threads: a job is cut into a fixed number of parts, which the caller and helper
 * threads (spinning briefly between jobs, then sleeping) claim one at a time until none is left:
 * on a machine whose cores are shared with others, a core that is slowed down takes fewer parts
 * instead of holding everyone up.
 *
 * <p>Why not OpenBLAS's own threads: on the scale workload's 256 x 256 x 256 products (2 cores),
 * OpenBLAS with 2 threads took 371 us against 500 us with one, while two single-threaded OpenBLAS
 * calls on two halves of the rows, started from here, took 285 us. Helpers that spin for a moment
 * also catch the next product of a training step without a wake-up.
 *
 * <p>Results depend on how a job is cut only, never on timing or on which thread ran a part: when
 * the helpers are busy with another caller's job, the parts run one after another on the caller.
 */
public final class Workers {
    /** One job, cut into parts; the parts must touch disjoint outputs. */
    public interface Task {
        void run(int part, int parts);
    }

    /** How long a helper spins for the next job before it sleeps. */
    private static final long SPIN_NANOS = 200_000;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    /** The next unclaimed part of the running job. */
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static volatile Helper[] helpers = new Helper[0];

    private Workers() {
    }

    /** Threads a job is split over, the caller included (1: everything runs on the caller). */
    public static synchronized void setParallelism(int threads) {
        if (threads < 1) {
            throw new LvaException("threads must be >= 1, got " + threads);
        }
        if (threads == parallelism()) {
            return;
        }
        while (!BUSY.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        try {
            for (Helper h : helpers) {
                h.stop();
            }
            Helper[] next = new Helper[threads - 1];
            for (int i = 0; i < next.length; i++) {
                next[i] = new Helper(i + 1);
                next[i].thread.start();
            }
            helpers = next;
        } finally {
            BUSY.set(false);
        }
    }

    public static int parallelism() {
        return helpers.length + 1;
    }

    /** Runs {@code task} cut into {@link #parallelism()} parts and returns when all are done. */
    public static void run(Task task) {
        run(task, parallelism());
    }

    /** Runs every part of {@code task} cut into {@code parts} (any number) and returns when all are done. */
    public static void run(Task task, int parts) {
        Helper[] hs = helpers;
        if (hs.length == 0 || parts == 1 || !BUSY.compareAndSet(false, true)) {
            for (int p = 0; p < parts; p++) {
                task.run(p, parts);
            }
            return;
        }
        try {
            NEXT.set(0);
            for (Helper h : hs) {
                h.submit(task, parts);
            }
            Throwable failure = null;
            try {
                claimParts(task, parts);
            } catch (RuntimeException | Error e) {
                failure = e;
                NEXT.set(parts); // nobody starts another part
            }
            for (Helper h : hs) {
                Throwable t = h.await();
                if (failure == null) {
                    failure = t;
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        } finally {
            BUSY.set(false);
        }
    }

    private static void claimParts(Task task, int parts) {
        int p;
        while ((p = NEXT.getAndIncrement()) < parts) {
            task.run(p, parts);
        }
    }

    /** First index of part {@code part} when {@code n} items are cut into {@code parts}, multiples of {@code align}. */
    public static int start(int n, int part, int parts, int align) {
        if (part >= parts) {
            return n;
        }
        long even = (long) n * part / parts;
        return (int) Math.min(n, (even + align / 2) / align * align);
    }

    private static final class Helper implements Runnable {
        private final int index;
        private final Thread thread;
        private volatile long submitted;
        private volatile long finished;
        private volatile boolean sleeping;
        private volatile boolean stopped;
        private Task task;
        private int parts;
        private Throwable failure;

        Helper(int index) {
            this.index = index;
            this.thread = new Thread(this, "lva-worker-" + index);
            thread.setDaemon(true);
        }

        void submit(Task t, int n) {
            task = t;
            parts = n;
            failure = null;
            submitted = submitted + 1; // the volatile write publishes task, parts and failure
            if (sleeping) {
                LockSupport.unpark(thread);
            }
        }

        Throwable await() {
            long want = submitted;
            while (finished != want) {
                Thread.onSpinWait();
            }
            task = null;
            return failure;
        }

        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            long seen = 0;
            while (!stopped) {
                long deadline = System.nanoTime() + SPIN_NANOS;
                long now;
                while ((now = submitted) == seen && !stopped) {
                    if (System.nanoTime() > deadline) {
                        sleeping = true;
                        if (submitted == seen && !stopped) {
                            LockSupport.park(this);
                        }
                        sleeping = false;
                        deadline = System.nanoTime() + SPIN_NANOS;
                    } else {
                        Thread.onSpinWait();
                    }
                }
                if (now == seen) {
                    continue;
                }
                seen = now;
                try {
                    claimParts(task, parts);
                } catch (RuntimeException | Error e) {
                    failure = e;
                    NEXT.set(parts);
                }
                finished = seen;
            }
        }
    }
}
