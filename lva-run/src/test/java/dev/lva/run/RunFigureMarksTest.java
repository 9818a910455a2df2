package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.plugin.Options;
import dev.lva.viz.Marker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the run's figures mark: where pruning starts on the loss curves, which rows the colour bar shows. */
class RunFigureMarksTest {

    @Test
    void pruningStartsAtTheEndOfItsFirstEpoch() {
        RunConfig pruned = Options.bind(RunConfig.fitDefaults(), Map.of("pruning", "plummet:threshold=0.02",
                "pruneFrom", "4", "batch", "100"), "test");
        // 1,050 rows in batches of 100: 11 batches an epoch; epoch 4 (counted from 0) ends at step 55
        assertEquals(List.of(Marker.at(55, "pruning from step 55 (--prune-from 4)")),
                RunFigures.pruningStart(pruned, 1050));
        // 1,001 rows: the last row joins the tenth batch (a std needs two rows), so 10 batches an epoch
        assertEquals(50.0, RunFigures.pruningStart(pruned, 1001).get(0).x());
        RunConfig fullBatch = Options.bind(RunConfig.fitDefaults(), Map.of("pruning", "plummet",
                "pruneFrom", "0", "batch", "0"), "test");
        assertEquals(1.0, RunFigures.pruningStart(fullBatch, 1050).get(0).x(), "full batch: one step an epoch");
        assertTrue(RunFigures.pruningStart(RunConfig.fitDefaults(), 1050).isEmpty(), "no pruning, no mark");
        RunConfig none = Options.bind(RunConfig.fitDefaults(), Map.of("pruning", "none"), "test");
        assertTrue(RunFigures.pruningStart(none, 1050).isEmpty());
    }

    @Test
    void theColourBarSaysWhichRowsItShows() {
        assertEquals("row", RunFigures.rowLabel(500, 500));
        assertEquals("row (2,000 of 10,000 shown)", RunFigures.rowLabel(2000, 10_000));
    }

    @Test
    void eachResumeIsMarkedAtItsStep() {
        LossHistory h = new LossHistory(300, 50);
        assertTrue(RunFigures.resumes(h).isEmpty(), "an uninterrupted run has no resume mark");
        for (long from : new long[] {0, 120, 250}) {
            h.onStart(new LossHistoryTest.At(from));
        }
        assertEquals(List.of(Marker.at(120, "resumed at step 120"), Marker.at(250, "resumed at step 250")),
                RunFigures.resumes(h));
    }
}
