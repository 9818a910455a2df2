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
 * A helper that has not started a job by the time the caller has claimed every part is not waited
 * for, so a sleeping helper costs no wake-up.
 */
public final class Workers {
    /** One job, cut into parts; the parts must touch disjoint outputs. */
    public interface Task {
        void run(int part, int parts);
    }

    /** How long a helper spins for the next job before it sleeps. */
    private static final long SPIN_NANOS = 200_000;

    /** Held while a job runs, and while the helpers are replaced. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    /** The thread that holds {@link #BUSY} for a job. */
    private static volatile Thread jobOwner;
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
        if (Thread.currentThread() == jobOwner || Thread.currentThread() instanceof Helper) {
            throw new LvaException("the engine's thread count cannot change from inside one of its jobs");
        }
        if (threads == parallelism()) {
            return;
        }
        // start the new helpers first: if a thread cannot be made, the old ones keep working
        Helper[] next = new Helper[threads - 1];
        try {
            for (int i = 0; i < next.length; i++) {
                next[i] = new Helper(i + 1);
                next[i].start();
            }
        } catch (RuntimeException | Error e) {
            stopAll(next);
            throw new LvaException("could not start " + (threads - 1) + " helper threads: " + e);
        }
        while (!BUSY.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        Helper[] old = helpers;
        helpers = next;
        BUSY.set(false);
        stopAll(old);
    }

    private static void stopAll(Helper[] hs) {
        for (Helper h : hs) {
            if (h != null) {
                h.finish();
            }
        }
        for (Helper h : hs) {
            if (h != null && h.isAlive()) {
                try {
                    h.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
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
        if (parts == 1 || helpers.length == 0 || !BUSY.compareAndSet(false, true)) {
            runOnCaller(task, parts);
            return;
        }
        // read the helpers only while holding BUSY: setParallelism swaps them under it
        Helper[] hs = helpers;
        if (hs.length == 0) {
            BUSY.set(false);
            runOnCaller(task, parts);
            return;
        }
        jobOwner = Thread.currentThread();
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
            jobOwner = null;
            BUSY.set(false);
        }
    }

    private static void runOnCaller(Task task, int parts) {
        for (int p = 0; p < parts; p++) {
            task.run(p, parts);
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

    /** A helper thread: idle, or handed a job (submitted), or claiming its parts (running). */
    private static final class Helper extends Thread {
        private static final int IDLE = 0;
        private static final int SUBMITTED = 1;
        private static final int RUNNING = 2;

        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile boolean sleeping;
        private volatile boolean stopped;
        private Task task;
        private int parts;
        private Throwable failure;

        Helper(int index) {
            super("lva-worker-" + index);
            setDaemon(true);
        }

        void submit(Task t, int n) {
            task = t;
            parts = n;
            failure = null;
            state.set(SUBMITTED); // the volatile write publishes task, parts and failure
            if (sleeping) {
                LockSupport.unpark(this);
            }
        }

        /** Returns once this helper is out of the job: it finished it, or never started and now will not. */
        Throwable await() {
            if (!state.compareAndSet(SUBMITTED, IDLE)) {
                while (state.get() != IDLE) {
                    Thread.onSpinWait();
                }
            }
            task = null;
            return failure;
        }

        void finish() {
            stopped = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (!stopped) {
                long deadline = System.nanoTime() + SPIN_NANOS;
                while (state.get() != SUBMITTED && !stopped) {
                    if (System.nanoTime() > deadline) {
                        sleeping = true;
                        if (state.get() != SUBMITTED && !stopped) {
                            LockSupport.park(this);
                        }
                        sleeping = false;
                        deadline = System.nanoTime() + SPIN_NANOS;
                    } else {
                        Thread.onSpinWait();
                    }
                }
                if (stopped || !state.compareAndSet(SUBMITTED, RUNNING)) {
                    continue; // stopping, or the caller took the job back
                }
                try {
                    claimParts(task, parts);
                } catch (RuntimeException | Error e) {
                    failure = e;
                    NEXT.set(parts);
                }
                state.set(IDLE);
            }
        }
    }
}
