package dev.lva.examples.bench;

import com.sun.management.ThreadMXBean;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import java.lang.management.ManagementFactory;

/**
 * Times a run in equal chunks of steps (the spread between chunks shows noise and drift) and counts
 * the heap bytes the training thread allocates per step once the first chunk has warmed up.
 */
final class ChunkTimer implements TrainingListener {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long chunk;
    private final long[] marks;
    private int count;
    private long allocatedAtSecondMark = -1;
    private long allocatedAtEnd;
    private long stepsAtSecondMark;
    private long stepsAtEnd;

    ChunkTimer(long totalSteps, int chunks) {
        this.chunk = Math.max(1, totalSteps / chunks);
        this.marks = new long[chunks + 2];
    }

    @Override
    public void onStart(TrainingRun run) {
        marks[count++] = System.nanoTime();
    }

    @Override
    public void onStep(TrainingRun run, StepLoss loss) {
        if (run.step() % chunk == 0 && count < marks.length) {
            marks[count++] = System.nanoTime();
            if (count == 2) {
                allocatedAtSecondMark = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                stepsAtSecondMark = run.step();
            }
        }
        stepsAtEnd = run.step();
    }

    @Override
    public void onEnd(TrainingRun run, dev.lva.api.TrainingResult result) {
        allocatedAtEnd = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Milliseconds per step of each full chunk. */
    double[] chunkMillisPerStep() {
        double[] ms = new double[Math.max(0, count - 1)];
        for (int i = 1; i < count; i++) {
            ms[i - 1] = (marks[i] - marks[i - 1]) / 1e6 / chunk;
        }
        return ms;
    }

    /** Heap bytes allocated per step after the first chunk; NaN when the run was too short to tell. */
    double allocatedBytesPerStep() {
        long steps = stepsAtEnd - stepsAtSecondMark;
        return allocatedAtSecondMark < 0 || steps <= 0 ? Double.NaN
                : (double) (allocatedAtEnd - allocatedAtSecondMark) / steps;
    }
}
