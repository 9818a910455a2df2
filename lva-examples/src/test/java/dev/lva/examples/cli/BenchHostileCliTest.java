package dev.lva.examples.cli;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.InProcess.Run;
import dev.lva.examples.Lva;
import org.junit.jupiter.api.Test;

/** Defects found by hostile options of lva bench (docs/hostile/2026-12-07-convfast.md). */
class BenchHostileCliTest {
    @Test
    void zeroChunksAreRefusedBeforeTheRunNotDividedByAtItsEnd() {
        Run r = lva("bench", "--workload", "conv", "--chunks", "0");
        assertEquals(Lva.EXIT_USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--chunks must be >= 1"), r.err());
        assertTrue(!r.out().contains("steps in"), "no run before the refusal: " + r.out());
    }

    @Test
    void aWarmUpBelowMinusOneIsRefusedNotTakenForTheDefault() {
        Run r = lva("bench", "--workload", "seed", "--warmup", "-2");
        assertEquals(Lva.EXIT_USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--warmup must be >= 0, or -1 for the workload's default, got -2"), r.err());
    }
}
