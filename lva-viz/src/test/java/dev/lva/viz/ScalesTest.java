package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic behind axes and colour scales: edges, offsets, shared widths, round ticks. */
class ScalesTest {

    @Test
    void histogramEdgesEndExactlyAtHiAndNeverStepBack() {
        // lo + 5 * ((hi - lo) / 5) is above hi here: the old last edge stepped back
        double lo = -1.4788690278557683;
        double hi = 2.383100810233751;
        assertTrue(lo + 5 * ((hi - lo) / 5) > hi, "the case where rounding bites");
        double[] e = PairPlot.edges(lo, hi, 5);
        assertEquals(lo, e[0]);
        assertEquals(hi, e[5]);
        for (int b = 1; b < e.length; b++) {
            assertTrue(e[b] >= e[b - 1], "edge " + b + " steps back");
        }
        double[] flat = PairPlot.edges(1e4, 1e4 + 1e-12, 7);
        for (int b = 1; b < flat.length; b++) {
            assertTrue(flat[b] >= flat[b - 1] && flat[b] <= 1e4 + 1e-12, "edge " + b + " of a tiny span");
        }
    }

    @Test
    void binCountsAreOddSoACentredValueFillsTheMiddleBin() {
        for (int n : new int[] {1, 2, 17, 100, 1000, 1_000_000}) {
            assertEquals(1, PairPlot.bins(n) % 2, "bins for " + n);
        }
    }

    @Test
    void anAxisFarFromZeroAgainstItsSpreadGetsARoundOffset() {
        assertEquals(10000.0, AxisOffset.offset(1e4, 1e4 + 9e-8));
        assertEquals(-3.2, AxisOffset.offset(-3.20004, -3.19999), 0.0);
        assertEquals(0.0, AxisOffset.offset(1, 2), "ticks read without one");
        assertEquals(0.0, AxisOffset.offset(5, 5), "one value: nothing to tell apart");
        assertEquals(1e299, AxisOffset.offset(1e299, 1e299 * (1 + 2e-15)), 1e284);
        assertEquals("z1 \u2212 10000", AxisOffset.title("z1", 1e4));
        assertEquals("z1 + 3.2", AxisOffset.title("z1", -3.2));
        assertEquals("x \u2212 1e+299", AxisOffset.title("x", 1e299));
    }

    @Test
    void aScatterOfValuesFarFromZeroShowsTheirSpreadNotAnEmptyPanel() throws Exception {
        double[] x = new double[10];
        double[] y = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e4 + i * 1e-8;
            y[i] = 1e4 - i * 1e-8;
        }
        // Small panels of a pair plot: sixteen-digit tick labels used to leave no plot area at all.
        BufferedImage img = Images.decode(PairPlot.of(GridOptions.titled("far").withPanelSize(120, 110),
                AdversarialInputTest.rows(x, y), null).toPng());
        // the panel of row 0, column 1: y against x, a falling line of ten points
        BufferedImage panel = img.getSubimage(120, img.getHeight() - 220, 120, 110);
        Rectangle points = Images.boundsOf(panel, Styles.BLUE, 20);
        assertTrue(points != null && points.width > 40 && points.height > 40, "the points of a scatter panel: " + points);
    }

    @Test
    void aConstantDimensionOnASharedScaleGetsShortTickLabels() throws Exception {
        double[] x = new double[50];
        double[] pruned = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = -4 + 8.0 * i / 49;
            pruned[i] = 0.336091458797455;
        }
        // XChart labelled the one value and the axis ends with all their digits, "-3.366903042793274",
        // and the labels took half the panel
        BufferedImage img = Images.decode(PairPlot.latent(GridOptions.titled("pruned").withPanelSize(200, 200),
                AdversarialInputTest.rows(x, pruned), null, new boolean[] {false, true}).toPng());
        BufferedImage panel = img.getSubimage(0, img.getHeight() - 200, 200, 200);
        Rectangle points = Images.boundsOf(panel, Styles.BLUE, 20);
        assertTrue(points != null && points.width > 120, "the row of points of z1 against z0: " + points);
    }

    @Test
    void sameWidthRangesCentreEachColumnOnTheWidestSpan() {
        Extent[] e = Extent.sameWidth(new double[] {0, 4}, new double[] {10, 10.004});
        assertEquals(e[0].span(), e[1].span(), 1e-12);
        assertEquals(4 * 1.1, e[0].span(), 1e-12);
        assertEquals(10.002, e[1].mid(), 1e-12);
        Extent[] constant = Extent.sameWidth(new double[] {3, 3}, new double[] {3, 3});
        assertTrue(constant[0].span() > 0, "constant columns still get an axis");
    }

    @Test
    void niceTicksAreRoundAndInsideTheRange() {
        assertArrayEquals(new double[] {0, 20, 40, 60, 80}, Ticks.nice(0, 99, 6));
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, Ticks.nice(-1, 1, 5), 1e-12);
        assertArrayEquals(new double[] {7}, Ticks.nice(7, 7, 5));
        for (double t : Ticks.nice(0.123, 0.456, 4)) {
            assertTrue(t >= 0.123 && t <= 0.456, t + " outside the range");
        }
    }

    @Test
    void tickLabelsAreShort() {
        assertEquals("0", Ticks.format(0));
        assertEquals("0.3", Ticks.format(0.30000000000000004));
        assertEquals("1e-4", Ticks.format(1e-4));
        assertEquals("-0.01", Ticks.format(-1e-2));
        assertEquals("2.5e6", Ticks.format(2.5e6));
        assertEquals("12350", Ticks.format(12345), "four significant digits");
    }

    @Test
    void covarianceSpanningDecadesIsColouredByLogMagnitude() {
        double[][] cov = {{1.3, 0.046, 2e-4}, {0.046, 0.41, -9.8e-5}, {2e-4, -9.8e-5, 6.4e-8}};
        HeatMap.Scale log = HeatMap.Scale.signedLog(cov);
        assertTrue(log.log());
        // On a linear scale 0.046 is 2% of the way to the top colour and looks white; here it is well coloured.
        assertTrue(log.position(0.046) > 0.8, "position of 0.046: " + log.position(0.046));
        assertTrue(log.position(-9.8e-5) < 0.5, "negative entries are on the blue side");
        assertEquals(0.5, log.position(1e-12), "below the floor is white");
        Color white = ColorMap.diverging(0.5);
        assertEquals(white, log.color(0));
        assertTrue(!HeatMap.Scale.signedLog(new double[][] {{1, 0.5}, {0.5, 2}}).log(),
                "entries within two decades keep the linear scale");
        double[] ticks = log.ticks();
        assertEquals(0.0, ticks[ticks.length / 2], "0 in the middle of the bar");
        assertEquals(List.of("1", "0.01", "1e-4"), List.of(log.tickLabel(ticks[0]), log.tickLabel(ticks[1]),
                log.tickLabel(ticks[2])));
    }
}
