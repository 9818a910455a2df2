package dev.lva.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress that a user can read: at 80 columns on a terminal, and as plain lines in a log file. */
class ProgressDisplayTest {

    @Test
    void atEightyColumnsTheBarKeepsTheCountTheRateAndTheWholeLoss() {
        String line = ProgressDisplay.line("training", "steps", 860, 2000, 0, Duration.ofMillis(2100), "loss 0.01045",
                79);
        assertTrue(line.length() <= 79, line.length() + ": " + line);
        assertTrue(line.startsWith("training  43% [=======>     "), line);
        assertTrue(line.endsWith("] 860/2000 steps 410/s 0:03 left loss 0.01045"), line);
        int bar = line.indexOf(']') - line.indexOf('[') - 1;
        assertTrue(bar >= 10, "a bar of " + bar);
    }

    @Test
    void aNarrowLineDropsTheTimeLeftThenTheBarButNeverTheLoss() {
        String narrow = ProgressDisplay.line("training", "steps", 860, 2000, 0, Duration.ofSeconds(2), "loss 0.01045",
                60);
        assertTrue(narrow.length() <= 60, narrow);
        assertFalse(narrow.contains("left"), narrow);
        assertTrue(narrow.contains("[") && narrow.endsWith("loss 0.01045"), narrow);
        String tiny = ProgressDisplay.line("training", "steps", 860, 2000, 0, Duration.ofSeconds(2), "loss 0.01045",
                30);
        assertEquals("training  43% 860/2000 steps 430/s loss 0.01045", tiny);
    }

    @Test
    void theRateCountsFractionsOfASecondAndOnlyThisRunsSteps() {
        assertEquals("412", ProgressDisplay.rate(412.4));
        assertEquals("41.2", ProgressDisplay.rate(41.24));
        assertEquals("12,345", ProgressDisplay.rate(12_345.2));
        // 1500 steps of a run resumed at 1000, in 1.25 s: 400/s, not 2500/1 s
        String line = ProgressDisplay.line("training", "steps", 1500, 2000, 1000, Duration.ofMillis(1250), null, 100);
        assertTrue(line.contains(" 400/s "), line);
    }

    @Test
    void intoAFileItPrintsAPlainLineEveryFewSecondsAndOneAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long[] now = {0};
        ProgressDisplay.Lines lines = new ProgressDisplay.Lines("training", "steps", 1000, 0, out, () -> now[0], 5);
        for (int step = 1; step <= 1000; step++) {
            now[0] = step * 20_000_000L; // 20 ms a step: 20 s in all
            lines.update(step, "loss " + (1.0 / step));
        }
        lines.update(1000, "loss 0.001");
        lines.close();
        lines.close();
        List<String> printed = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "training: 250/1000 steps (25%), 50.0 steps/s, 0:15 left, loss 0.004",
                "training: 500/1000 steps (50%), 50.0 steps/s, 0:10 left, loss 0.002",
                "training: 750/1000 steps (75%), 50.0 steps/s, 0:05 left, loss 0.0013333333333333333",
                "training: done, 1000/1000 steps in 20.0 s, 50.0 steps/s, loss 0.001"), printed,
                "no carriage returns, the last line once");
    }

    @Test
    void aRunThatStopsEarlySaysWhereItEnded() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long[] now = {0};
        ProgressDisplay.Lines lines = new ProgressDisplay.Lines("training", "steps", 10_000, 0, out, () -> now[0], 5);
        now[0] = 2_000_000_000L;
        lines.update(2640, "loss 0.08");
        lines.close();
        assertEquals("training: ended at 2640/10000 steps in 2.0 s, 1,320 steps/s, loss 0.08",
                bytes.toString(StandardCharsets.UTF_8).strip());
    }
}
