package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data ends up where it belongs on the canvas, and the geometry helpers compute what they claim. */
class PlacementTest {
    private static final PlotOptions FIXED = PlotOptions.titled("placement").withSize(400, 300)
            .withXRange(Range.of(0, 10)).withYRange(Range.of(0, 10));

    @Test
    void scatterPointAtThreeQuartersRightAndOneQuarterUpLandsBottomRight() throws Exception {
        BufferedImage img = Images.decode(ScatterPlot.of(FIXED, new double[] {7.5}, new double[] {2.5}).toPng());
        Rectangle marker = Images.boundsOf(img, Styles.BLUE, 30);

        assertNotNull(marker, "no marker pixels in the point's colour");
        assertTrue(marker.width < 20 && marker.height < 20, "marker spread over " + marker);
        double cx = marker.getCenterX() / img.getWidth();
        double cy = marker.getCenterY() / img.getHeight();
        assertTrue(cx > 0.65 && cx < 0.9, "x at " + cx + " of the width");
        assertTrue(cy > 0.55 && cy < 0.85, "y at " + cy + " of the height");
    }

    @Test
    void scatterPointAtOneQuarterRightAndThreeQuartersUpLandsTopLeft() throws Exception {
        BufferedImage img = Images.decode(ScatterPlot.of(FIXED, new double[] {2.5}, new double[] {7.5}).toPng());
        Rectangle marker = Images.boundsOf(img, Styles.BLUE, 30);

        assertNotNull(marker);
        double cx = marker.getCenterX() / img.getWidth();
        double cy = marker.getCenterY() / img.getHeight();
        assertTrue(cx > 0.15 && cx < 0.4, "x at " + cx + " of the width");
        assertTrue(cy > 0.15 && cy < 0.45, "y at " + cy + " of the height");
    }

    @Test
    void latentStdBarsAreSortedDescendingWithHeightsProportionalToValues() throws Exception {
        double[] stds = {0.5, 3.0, 1.0};
        BufferedImage img = Images.decode(BarChart.latentStds(
                PlotOptions.titled("stds").withSize(420, 320).withYRange(Range.of(0, 3.2)), stds).toPng());

        List<int[]> bars = barsOf(img, Styles.BLUE);
        assertEquals(3, bars.size(), "expected three separate bars");
        int bottom = bars.get(0)[2];
        double h0 = bottom - bars.get(0)[1];
        double h1 = bottom - bars.get(1)[1];
        double h2 = bottom - bars.get(2)[1];
        assertTrue(h0 > h1 && h1 > h2, "bar heights " + h0 + ", " + h1 + ", " + h2 + " are not descending");
        assertEquals(1.0 / 3.0, h1 / h0, 0.05, "second bar (1.0) against the first (3.0)");
        assertEquals(0.5 / 3.0, h2 / h0, 0.05, "third bar (0.5) against the first (3.0)");
    }

    @Test
    void eachLegendSampleSitsNearerItsOwnLabelThanTheLabelBeforeIt() {
        // XChart's horizontal legend left as much space after a label as before it: "train  o  test"
        List<Legend.Entry> entries = List.of(
                Legend.Entry.line("cos(1.5 pi x)", Color.BLACK, Styles.DASHED),
                Legend.Entry.marker("train", Legend.Sample.CIRCLE, Styles.BLUE),
                Legend.Entry.marker("test", Legend.Sample.CIRCLE, Styles.ORANGE),
                Legend.Entry.line("model", Styles.RED, Styles.SOLID));
        double[][] at = Legend.layout(entries, 400);
        for (int i = 1; i < at.length; i++) {
            double sampleLeft = at[i][0];
            double sampleRight = at[i][1] - Legend.SAMPLE_GAP;
            double toOwnLabel = at[i][1] - sampleRight;
            double toLabelBefore = sampleLeft - at[i - 1][2];
            assertTrue(toOwnLabel * 2 < toLabelBefore, "entry " + i + ": " + toOwnLabel + " px to its label, "
                    + toLabelBefore + " px to the label before");
        }
        assertEquals(400, (at[0][0] + at[at.length - 1][2]) / 2, 1e-9, "the row is centred");
    }

    @Test
    void aLegendWiderThanItsFigureWrapsIntoRowsThatFit() {
        // the std spectrum's four entries of a 64-dimension run ran past both edges of an 800 px figure
        List<Legend.Entry> entries = List.of(
                Legend.Entry.marker("kept (11)", Legend.Sample.CIRCLE, Styles.BLUE),
                Legend.Entry.marker("below 1% explained reconstruction (25)", Legend.Sample.CIRCLE, Styles.ORANGE),
                Legend.Entry.marker("collapsed: std at or below the line (28)", Legend.Sample.CIRCLE, Color.GRAY),
                Legend.Entry.line("1% of the largest std (0.228)", Styles.RED, Styles.DASHED));
        double width = 800;
        double[][] oneRow = Legend.layout(entries, width / 2);
        assertTrue(oneRow[0][0] < 0 || oneRow[oneRow.length - 1][2] > width, "this legend does not fit one row");
        List<List<Legend.Entry>> rows = Legend.rows(entries, width);
        assertTrue(rows.size() > 1, "rows: " + rows.size());
        assertEquals(entries, rows.stream().flatMap(List::stream).toList(), "every entry once, in order");
        for (List<Legend.Entry> row : rows) {
            double[][] at = Legend.layout(row, width / 2);
            assertTrue(at[0][0] >= 0 && at[at.length - 1][2] <= width, "a row runs past the figure's edges");
        }
        assertEquals(Legend.BAND * rows.size(), Legend.band(entries, width));
        assertEquals(1, Legend.rows(entries.subList(0, 1), width).size(), "a short legend stays one row");
    }

    @Test
    void descendingOrderKeepsIndexOrderForTies() {
        assertArrayEquals(new int[] {1, 2, 0}, BarChart.descendingOrder(new double[] {0.5, 3.0, 1.0}));
        assertArrayEquals(new int[] {1, 0, 2}, BarChart.descendingOrder(new double[] {1.0, 2.0, 1.0}));
    }

    @Test
    void heatMapPutsRowZeroOnTopWithSignedColoursAndReadableText() throws Exception {
        double[][] m = {{1, -1}, {-1, 0}};
        PlotOptions o = PlotOptions.titled("signs").withSize(360, 320);
        BufferedImage img = Images.decode(HeatMap.of(o, m, null, null).toPng());
        HeatMap.Layout layout = HeatMap.layoutFor(o, m, List.of("0", "1"), List.of("0", "1"));

        assertTrue(layout.cellBounds(0, 0).getY() < layout.cellBounds(1, 0).getY(), "row 0 above row 1");
        assertTrue(layout.cellBounds(0, 0).getX() < layout.cellBounds(0, 1).getX(), "column 0 left of column 1");
        Color positive = ColorMap.diverging(1);
        Color negative = ColorMap.diverging(0);
        Color zero = ColorMap.diverging(0.5);
        assertTrue(Images.near(corner(img, layout.cellBounds(0, 0)), positive, 3), "cell (0,0) = +1 should be red");
        assertTrue(Images.near(corner(img, layout.cellBounds(0, 1)), negative, 3), "cell (0,1) = -1 should be blue");
        assertTrue(Images.near(corner(img, layout.cellBounds(1, 0)), negative, 3), "cell (1,0) = -1 should be blue");
        assertTrue(Images.near(corner(img, layout.cellBounds(1, 1)), zero, 3), "cell (1,1) = 0 should be near white");
        // Values are written in white on dark cells and in black on light ones.
        assertTrue(countNear(img, layout.cellBounds(0, 0), Color.WHITE, 40) > 10, "no white value text in cell (0,0)");
        assertTrue(countNear(img, layout.cellBounds(1, 1), Color.BLACK, 60) > 10, "no dark value text in cell (1,1)");
    }

    @Test
    void heatMapValuesAreWrittenWithTwoSignificantDigits() {
        assertEquals("0.23", HeatMap.format(0.234));
        assertEquals("-0.50", HeatMap.format(-0.5));
        assertEquals("2.3", HeatMap.format(2.31));
    }

    @Test
    void projectionFollowsMatplotlibsViewAngles() {
        View3D front = new View3D(0, -90);
        assertArrayEquals(new double[] {1, 0}, front.project(1, 0, 0), 1e-12, "x points right");
        assertArrayEquals(new double[] {0, 1}, front.project(0, 0, 1), 1e-12, "z points up");
        assertArrayEquals(new double[] {0, 0}, front.project(0, 1, 0), 1e-12, "y points away from the eye");
        View3D top = new View3D(90, -90);
        assertArrayEquals(new double[] {0, 1}, top.project(0, 1, 0), 1e-12, "from above, y points up");
        assertArrayEquals(new double[] {0, 0}, top.project(0, 0, 1), 1e-12, "from above, z points at the eye");
        View3D side = new View3D(0, 0);
        assertArrayEquals(new double[] {1, 0}, side.project(0, 1, 0), 1e-12, "azimuth 0 looks along -x: y right");
    }

    @Test
    void colourClassesCoverTheRangeEvenly() {
        assertEquals(0, ScatterPlot.colorClass(0, 0, 10));
        assertEquals(31, ScatterPlot.colorClass(4.99, 0, 10));
        assertEquals(ScatterPlot.COLOR_CLASSES - 1, ScatterPlot.colorClass(10, 0, 10));
        assertEquals(ScatterPlot.COLOR_CLASSES / 2, ScatterPlot.colorClass(3, 3, 3), "constant values share one class");
    }

    @Test
    void histogramCountsEveryValueOnce() {
        int[] counts = PairPlot.counts(new double[] {0, 0.1, 0.5, 0.99, 1.0}, 0, 1, 5);
        assertArrayEquals(new int[] {2, 0, 1, 0, 2}, counts);
        assertEquals(5, PairPlot.bins(3), "at least five bins");
        assertEquals(11, PairPlot.bins(1000), "Sturges: ceil(log2 1000) + 1");
    }

    @Test
    void rSquaredIsOneForAPerfectReconstructionAndUndefinedForAConstant() {
        assertEquals(1.0, ParityPlot.rSquared(new double[] {1, 2, 3}, new double[] {1, 2, 3}), 1e-12);
        assertEquals(0.0, ParityPlot.rSquared(new double[] {1, 2, 3}, new double[] {2, 2, 2}), 1e-12);
        assertTrue(Double.isNaN(ParityPlot.rSquared(new double[] {2, 2}, new double[] {1, 3})));
    }

    @Test
    void viridisAndDivergingScalesHitTheirAnchors() {
        assertEquals(new Color(0x440154), ColorMap.viridis(0));
        assertEquals(new Color(0xFDE725), ColorMap.viridis(1));
        assertEquals(new Color(0x21908C), ColorMap.viridis(0.5));
        assertEquals(new Color(0xF7F7F7), ColorMap.diverging(0.5));
        assertEquals(ColorMap.viridis(1), ColorMap.viridis(7), "clamped above 1");
    }

    private static int corner(BufferedImage img, Rectangle2D cell) {
        return img.getRGB((int) cell.getX() + 3, (int) cell.getY() + 3);
    }

    private static int countNear(BufferedImage img, Rectangle2D cell, Color c, int tolerance) {
        int n = 0;
        for (int y = (int) cell.getY(); y < cell.getMaxY(); y++) {
            for (int x = (int) cell.getX(); x < cell.getMaxX(); x++) {
                if (Images.near(img.getRGB(x, y), c, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Runs of adjacent columns holding bar-coloured pixels: {first column, top row, bottom row}. */
    private static List<int[]> barsOf(BufferedImage img, Color c) {
        List<int[]> bars = new ArrayList<>();
        int[] current = null;
        for (int x = 0; x < img.getWidth(); x++) {
            int top = -1;
            int bottom = -1;
            for (int y = 0; y < img.getHeight(); y++) {
                if (Images.near(img.getRGB(x, y), c, 10)) {
                    if (top < 0) {
                        top = y;
                    }
                    bottom = y;
                }
            }
            if (top >= 0) {
                if (current == null) {
                    current = new int[] {x, top, bottom};
                    bars.add(current);
                } else {
                    current[1] = Math.min(current[1], top);
                    current[2] = Math.max(current[2], bottom);
                }
            } else {
                current = null;
            }
        }
        return bars;
    }
}
