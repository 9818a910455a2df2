package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.run.RunMemory;
import org.junit.jupiter.api.Test;

/**
 * When the threads engine collects after a run: a full collection stops every run beside it, so it
 * is made where a finished run's arrays matter (the seeds of 60,000 images: 278 MB of 1.3 GB free),
 * not after every small run of a sweep (16 collections of 37 ms on average stopped both runs of
 * bench/sweep.sh's grid), and always where a run trains alone.
 */
class ThreadsEngineTest {
    private static final long MB = 1L << 20;

    @Test
    void largeRunsAreCollectedSmallOnesBesideOthersAreNot() {
        RunMemory.Bytes free = new RunMemory.Bytes(1300 * MB, 488 * MB);
        assertTrue(ThreadsEngine.collects(2, new RunMemory.Bytes(278 * MB, 69 * MB), free), "60,000 images");
        assertFalse(ThreadsEngine.collects(2, new RunMemory.Bytes(2 * MB, 49 * MB), free), "the seed workload");
        assertTrue(ThreadsEngine.collects(2, new RunMemory.Bytes(1300 * MB / ThreadsEngine.COLLECT_SHARE, 0), free),
                "exactly the share");
        assertFalse(ThreadsEngine.collects(2, new RunMemory.Bytes(1300 * MB / ThreadsEngine.COLLECT_SHARE - MB, 0),
                free), "just under the share");
        assertTrue(ThreadsEngine.collects(1, new RunMemory.Bytes(2 * MB, 49 * MB), free), "alone: nothing else stops");
        assertTrue(ThreadsEngine.collects(2, new RunMemory.Bytes(2 * MB, 0), new RunMemory.Bytes(0, 0)),
                "nothing free");
    }
}
