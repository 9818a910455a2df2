package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.viz.StdSpectrum.Mark;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The std spectrum marks the set a rule keeps, whichever ranks they have, and calls a dimension
 * collapsed only when its std is at or below the threshold line.
 */
class StdSpectrumTest {
    /** Latent order: z0 3.0, z1 2.65, z2 2.49 (dropped by the rule), z3 0.94 (kept), z4 0.001. */
    private static final double[] STDS = {3.0, 2.65, 2.49, 0.94, 0.001};
    private static final boolean[] KEPT = {true, true, false, true, false};
    private static final double LINE = 0.03;

    @Test
    void theRulesKeptSetIsMarkedNotTheLargestStds() {
        Mark[] marks = StdSpectrum.marks(STDS, KEPT, LINE);
        // z2's std is 83 times the line: dropped for the rule's reason, not collapsed; z4 is below the line
        assertArrayEquals(new Mark[] {Mark.KEPT, Mark.KEPT, Mark.DROPPED, Mark.KEPT, Mark.COLLAPSED}, marks);
        assertEquals(0, StdSpectrum.split(marks), "no split line between sets that interleave");
        assertEquals("3 kept, not the 3 largest stds: no split, no gap", StdSpectrum.note(STDS, marks));
        List<String> legend = StdSpectrum.legend(marks, "below 1% explained reconstruction").stream()
                .map(Legend.Entry::label).toList();
        assertEquals(List.of("kept (3)", "below 1% explained reconstruction (1)",
                "collapsed: std at or below the line (1)"), legend);
    }

    @Test
    void theFigureDrawsTheDroppedDimensionInItsOwnColour() throws Exception {
        Figure f = StdSpectrum.of(PlotOptions.titled("stds").withSize(520, 360), STDS, KEPT,
                "below 1% explained reconstruction", LINE, "1% of the largest std");
        BufferedImage img = Images.decode(f.toPng());
        assertNotNull(Images.boundsOf(img, StdSpectrum.DROPPED, 20), "z2, above the line and not kept, is orange");
        assertNotNull(Images.boundsOf(img, StdSpectrum.COLLAPSED, 20), "z4, below the line, is grey");

        // everything kept by the rule: no orange
        BufferedImage all = Images.decode(StdSpectrum.of(PlotOptions.titled("stds").withSize(520, 360), STDS,
                new boolean[] {true, true, true, true, true}, "below 1% explained reconstruction", LINE,
                "1% of the largest std").toPng());
        assertNull(Images.boundsOf(all, StdSpectrum.DROPPED, 20));
    }

    @Test
    void keptLargestStdsAreSplitFromTheRestWithTheGapBetweenTheSets() {
        double[] sorted = {3.0, 2.0, 1.9, 0.001};
        Mark[] marks = StdSpectrum.marks(sorted, new boolean[] {true, true, false, false}, LINE);
        assertEquals(2, StdSpectrum.split(marks));
        // one of the rest is above the line: the rest are dropped, not all collapsed
        assertEquals("2 kept | 2 dropped, gap \u00d71.05", StdSpectrum.note(sorted, marks));

        double[] clear = {3.0, 0.9, 0.001, 0.0005};
        Mark[] apart = StdSpectrum.marks(clear, new boolean[] {true, true, false, false}, LINE);
        assertEquals("2 kept | 2 collapsed, gap \u00d7900", StdSpectrum.note(clear, apart));
    }

    @Test
    void theTopKFormNamesNoCollapseAboveTheLine() {
        // the form that keeps the k largest: z0 (0.5) is above the line, so it is "not kept", not collapsed
        Mark[] marks = StdSpectrum.marks(new double[] {3.0, 1.0, 0.5}, new boolean[] {true, true, false}, LINE);
        assertArrayEquals(new Mark[] {Mark.KEPT, Mark.KEPT, Mark.DROPPED}, marks);
        assertEquals(List.of("kept (2)", "not kept (1)"), StdSpectrum.legend(marks, null).stream()
                .map(Legend.Entry::label).toList());
        assertEquals("2 kept | 1 dropped, gap \u00d72", StdSpectrum.note(new double[] {3.0, 1.0, 0.5}, marks));
    }

    /**
     * Data without variance (no count): every dimension is "not counted" (orange), some at std 0 as
     * triangles on the floor. The triangles and their legend entry share one colour; the entry was
     * grey beside orange triangles, and no dimension was grey.
     */
    @Test
    void theStdZeroTrianglesAreDrawnInTheColourTheirLegendEntryShows() throws Exception {
        double[] stds = {1e-9, 0, 3e-10, 0};
        boolean[] none = new boolean[4];
        Figure f = StdSpectrum.of(PlotOptions.titled("stds: no count").withSize(520, 360), stds, none,
                "not counted: the data has no variance", Double.NaN, null);
        Mark[] marks = StdSpectrum.marks(new double[] {1e-9, 3e-10, 0, 0}, none, Double.NaN);
        List<Legend.Entry> zero = StdSpectrum.zeroLegend(new double[] {1e-9, 3e-10, 0, 0}, marks);
        assertEquals(1, zero.size(), zero::toString);
        assertEquals(StdSpectrum.color(Mark.DROPPED), zero.get(0).color(), "the entry of the orange triangles");
        BufferedImage img = Images.decode(f.toPng());
        assertNotNull(Images.boundsOf(img, StdSpectrum.DROPPED, 12), "the orange triangles are drawn");

        // zeros of two marks: an entry each, in each mark's colour, named
        Mark[] two = {Mark.KEPT, Mark.DROPPED, Mark.COLLAPSED, Mark.COLLAPSED};
        List<Legend.Entry> both = StdSpectrum.zeroLegend(new double[] {2, 0, 0.5, 0}, two);
        assertEquals(List.of("std exactly 0 (dropped)", "std exactly 0 (collapsed)"), both.stream()
                .map(Legend.Entry::label).toList());
        for (int k = 0; k < 2; k++) {
            assertEquals(StdSpectrum.color(k == 0 ? Mark.DROPPED : Mark.COLLAPSED), both.get(k).color());
        }
    }
}
