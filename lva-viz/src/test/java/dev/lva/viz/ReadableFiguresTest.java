package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;

/**
 * Issue 21: what made figures hard to read. Legends over the data, ticks at half a dimension,
 * {@code .01}, seeds hidden under each other, an unnamed line, no mark where pruning starts.
 */
class ReadableFiguresTest {
    private static final double[] LAMBDA = {1e-3, 1e-3, 1e-3, 1e-2, 1e-2, 1e-2, 1e-1, 1e-1, 1e-1, 1, 1, 1};
    private static final double[] VOLUME = {3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 0};
    private static final double[] LASSO = {5, 5, 4, 4, 4, 4, 3, 3, 3, 1, 1, 1};
    /** Medians of even counts are halves: 2.5 must still get no tick. */
    private static final double[] EVEN = {5, 4, 4, 3, 3, 2, 2, 1};
    private static final double[] EVEN_LAMBDA = {1e-3, 1e-3, 1e-2, 1e-2, 1e-1, 1e-1, 1, 1};
    private static final double[] MSE = {1e-4, 1.1e-4, 1.2e-4, 2e-4, 2.1e-4, 4e-4, 5e-4, 5e-4, 6e-4, 1e-2, 1.1e-2, 5e-2};

    private static List<Series> sweep() {
        return List.of(Series.of("volume", LAMBDA, VOLUME), Series.of("lasso", LAMBDA, LASSO),
                Series.of("none", LAMBDA, new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}));
    }

    private static PlotOptions options(int w, int h) {
        return PlotOptions.titled("dimensions kept").withLabels("lambda", "dimensions").withSize(w, h);
    }

    @Test
    void theLegendStandsRightOfThePlotAndCoversNoPoint() {
        SpreadPlot.Sweep spread = SpreadPlot.chart(options(760, 440), true, sweep());
        assertLegendBesidePlot(spread.chart(), 760, 440);
        SpreadPlot.Sweep front = TradeOffPlot.chart(options(760, 440).withLogY(true),
                List.of(Series.of("volume", VOLUME, MSE), Series.of("lasso", LASSO, MSE)));
        assertLegendBesidePlot(front.chart(), 760, 440);
        double[] steps = new double[200];
        double[][] loss = new double[3][200];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
            loss[0][i] = 1.0 / (i + 1);
            loss[1][i] = 0.5 / (i + 1);
            loss[2][i] = 0.1;
        }
        LinePlot.Drawn line = LinePlot.chart(PlotOptions.titled("loss").withLabels("step", "loss").withLogY(true),
                List.of(Series.of("total", steps, loss[0]), Series.of("reconstruction", steps, loss[1]),
                        Series.of("penalty", steps, loss[2])), List.of());
        assertLegendBesidePlot(line.chart(), 800, 500);
    }

    /** The legend's frame is painted in a colour nothing else has, and found in the image. */
    private static void assertLegendBesidePlot(PlotAreaChart chart, int w, int h) {
        Color mark = new Color(0xFF00FF);
        chart.getStyler().setLegendBorderColor(mark);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        chart.paint(g, w, h);
        g.dispose();
        Rectangle2D plot = chart.plotArea();
        Rectangle2D legend = Images.boundsOf(img, mark, 40);
        assertTrue(legend != null, "no legend drawn");
        assertTrue(legend.getWidth() > 20 && legend.getHeight() > 20, "a legend is drawn: " + legend);
        assertTrue(legend.getMinX() >= plot.getMaxX(), "legend " + legend + " starts inside the plot " + plot);
        assertTrue(legend.getMaxX() <= w, "legend " + legend + " is cut off at " + w);
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (int i = 0; i < s.getXData().length; i++) {
                double px = chart.getScreenXFromChart(s.getXData()[i]);
                double py = chart.getScreenYFromChart(s.getYData()[i]);
                assertFalse(legend.contains(px, py), s.getName() + " point " + i + " at " + px + "," + py
                        + " lies under the legend " + legend);
            }
        }
    }

    @Test
    void countsGetWholeNumberTicksAtAnySize() throws Exception {
        for (int[] size : new int[][] {{400, 300}, {760, 440}, {1400, 900}}) {
            SpreadPlot.Sweep spread = SpreadPlot.chart(options(size[0], size[1]), true,
                    List.of(Series.of("volume", EVEN_LAMBDA, EVEN), Series.of("lasso", LAMBDA, LASSO)));
            Axes.paint(spread.chart(), size[0], size[1]);
            assertWholeNumbers(Axes.yLabels(spread.chart()), "spread y at " + size[0] + "x" + size[1]);

            SpreadPlot.Sweep front = TradeOffPlot.chart(options(size[0], size[1]).withLogY(true),
                    List.of(Series.of("volume", VOLUME, MSE), Series.of("lasso", LASSO, MSE)));
            Axes.paint(front.chart(), size[0], size[1]);
            assertWholeNumbers(Axes.xLabels(front.chart()), "trade-off x at " + size[0] + "x" + size[1]);
        }
        // every seed kept the same count: one value, still labelled as a whole number
        SpreadPlot.Sweep flat = SpreadPlot.chart(options(760, 440), false,
                List.of(Series.of("volume", new double[] {0, 0, 1, 1}, new double[] {3, 3, 3, 3})));
        Axes.paint(flat.chart(), 760, 440);
        List<String> labels = Axes.yLabels(flat.chart());
        assertWholeNumbers(labels, "one count");
        assertTrue(labels.contains("3"), "the count itself is labelled: " + labels);
    }

    private static void assertWholeNumbers(List<String> labels, String where) {
        List<String> shown = labels.stream().filter(s -> !s.isEmpty()).toList();
        assertTrue(shown.size() >= 2, where + ": too few ticks " + labels);
        for (String s : shown) {
            double v = Double.parseDouble(s);
            assertEquals(Math.rint(v), v, 0.0, where + ": tick " + s + " is not a whole number in " + labels);
        }
    }

    @Test
    void tickLabelsKeepTheirLeadingZero() throws Exception {
        LinePlot.Drawn d = LinePlot.chart(PlotOptions.titled("small").withLabels("lambda", "mse"),
                List.of(Series.of("a", new double[] {0, 0.01, 0.02, 0.05}, new double[] {0.5, 0.4, 0.3, 0.25})),
                List.of());
        Axes.paint(d.chart(), 800, 500);
        List<String> x = Axes.xLabels(d.chart());
        List<String> y = Axes.yLabels(d.chart());
        assertTrue(x.contains("0.01"), "x ticks " + x);
        for (String s : concat(x, y)) {
            assertFalse(s.startsWith(".") || s.startsWith("-."), "tick '" + s + "' has lost its leading zero");
        }
        // bar charts (XChart category charts) label their value axis the same way
        org.knowm.xchart.CategoryChart bars = new org.knowm.xchart.CategoryChart(300, 200);
        Styles.axes(bars.getStyler(), PlotOptions.titled("stds"));
        assertEquals("0.05", bars.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.05));
        assertEquals("0.01", Ticks.axis(0.01));
        assertEquals("-0.5", Ticks.axis(-0.5));
        assertEquals("0.3", Ticks.axis(0.30000000000000004), "float noise goes");
        assertEquals("100.02", Ticks.axis(100.02), "neighbouring ticks stay apart");
        assertEquals("1e-5", Ticks.axis(1e-5));
        assertEquals("2.5e7", Ticks.axis(2.5e7));
        assertEquals("0", Ticks.axis(0));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void seedsOnTheSameSpotAreCounted() {
        List<Repeats.Spot> spots = Repeats.of(new double[] {1, 1, 1, 2, 2}, new double[] {3, 3, 3, 3, 2});
        assertEquals(List.of(new Repeats.Spot(1, 3, 3)), spots);
        assertEquals("\u00d73", Repeats.label(3));

        SpreadPlot.Sweep spread = SpreadPlot.chart(options(760, 440), true, sweep());
        // volume at lambda 1e-3: three seeds kept 3 dimensions; lasso at 1: three kept 1
        List<Integer> volume = spread.repeats().get(0).spots().stream().map(Repeats.Spot::count).toList();
        assertEquals(List.of(3, 2, 3, 2), volume);
        assertEquals(Styles.PALETTE[0], spread.repeats().get(0).color());

        // two groups' labels at the same spot are written one above the other, not over each other
        Rectangle2D plot = new Rectangle2D.Double(0, 0, 400, 300);
        List<Rectangle2D> placed = new ArrayList<>();
        placed.add(Repeats.place(placed, 100, 150, 20, 12, plot));
        placed.add(Repeats.place(placed, 104, 150, 20, 12, plot));
        assertFalse(placed.get(0).intersects(placed.get(1)), "labels overlap: " + placed);
        // at the top of the plot a label moves down instead of out of the plot
        List<Rectangle2D> top = new ArrayList<>();
        top.add(Repeats.place(top, 100, 8, 20, 12, plot));
        Rectangle2D second = Repeats.place(top, 100, 8, 20, 12, plot);
        assertFalse(second.intersects(top.get(0)));
        assertTrue(second.getMinY() >= plot.getMinY(), "left the plot: " + second);
    }

    @Test
    void theLineThroughASweepsPointsIsNamedInTheLegend() {
        SpreadPlot.Sweep one = SpreadPlot.chart(options(760, 440), true, List.of(Series.of("volume", LAMBDA, VOLUME)));
        assertTrue(one.chart().getStyler().isLegendVisible(), "one group still needs its line named");
        XYSeries median = one.chart().getSeriesMap().get("volume median");
        assertTrue(median != null && median.isShowInLegend(), "series " + one.chart().getSeriesMap().keySet());

        SpreadPlot.Sweep front = TradeOffPlot.chart(options(760, 440).withLogY(true),
                List.of(Series.of("volume", VOLUME, MSE)));
        XYSeries line = front.chart().getSeriesMap().get("volume front");
        assertTrue(line != null && line.isShowInLegend(), "series " + front.chart().getSeriesMap().keySet());

        // a group that is called like another group's line does not clash with it
        SpreadPlot.Sweep clash = SpreadPlot.chart(options(760, 440), true,
                List.of(Series.of("a", LAMBDA, VOLUME), Series.of("a median", LAMBDA, LASSO)));
        assertEquals(4, clash.chart().getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count());
    }

    @Test
    void aMarkerIsADashedLineAtItsStepWithItsLabel() throws Exception {
        double[] steps = new double[100];
        double[] loss = new double[100];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = 10 * (i + 1);
            loss[i] = 1.0 / (i + 1);
        }
        PlotOptions o = PlotOptions.titled("loss").withLabels("step", "loss").withLogY(true).withSize(600, 400);
        List<Marker> markers = List.of(Marker.at(400, "pruning from step 400"), Marker.at(5000, "after the end"));
        LinePlot.Drawn d = LinePlot.chart(o, List.of(Series.of("total", steps, loss)), markers);
        assertEquals(List.of(markers.get(0)), d.markers(), "a marker beyond the last step is left out");

        BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 600, 400);
        d.paint(g, 600, 400);
        g.dispose();
        // the chart is painted below the band that holds the title and the markers' labels
        assertTrue(d.band() > 0);
        Rectangle2D inChart = d.chart().plotArea();
        Rectangle2D plot = new Rectangle2D.Double(inChart.getX(), inChart.getY() + d.band(), inChart.getWidth(),
                inChart.getHeight());
        int x = (int) Math.round(d.chart().getScreenXFromChart(400));
        int dark = 0;
        for (int y = (int) plot.getMinY() + 30; y < plot.getMaxY(); y++) {
            boolean near = false;
            for (int dx = -1; dx <= 1; dx++) {
                near |= Images.near(img.getRGB(x + dx, y), LinePlot.MARKER, 40);
            }
            dark += near ? 1 : 0;
        }
        double length = plot.getHeight() - 30;
        // dashed: 6 px drawn, 4 px left out
        assertTrue(dark > 0.4 * length && dark < 0.85 * length, dark + " of " + length + " px at x " + x);
        // the label: text ink right of the line, above the plot, where it covers no curve
        Rectangle2D label = new Rectangle2D.Double(x + 4, plot.getMinY() - LinePlot.markerRow() - 2, 100,
                LinePlot.markerRow());
        int ink = 0;
        for (int yy = (int) label.getMinY(); yy < label.getMaxY(); yy++) {
            for (int xx = (int) label.getMinX(); xx < label.getMaxX(); xx++) {
                ink += Images.near(img.getRGB(xx, yy), Styles.TEXT, 60) ? 1 : 0;
            }
        }
        assertTrue(ink > 40, "no label text right of the marker (" + ink + " px)");
        int inPlot = 0;
        for (int yy = (int) plot.getMinY() + 2; yy < plot.getMinY() + 20; yy++) {
            for (int xx = x + 4; xx < x + 104; xx++) {
                inPlot += Images.near(img.getRGB(xx, yy), Styles.TEXT, 60) ? 1 : 0;
            }
        }
        assertTrue(inPlot < 5, "label text inside the plot (" + inPlot + " px)");

        assertThrows(ChartException.class, () -> Marker.at(1, " "));
        assertThrows(ChartException.class, () -> Marker.at(Double.NaN, "pruning"));
        Figure f = LinePlot.of(o, List.of(Series.of("total", steps, loss)), markers);
        assertTrue(f.toPng().length > 1000);
        // the band is drawn through a translated copy of the graphics, which the SVG back end must take too
        assertTrue(new String(f.toSvg(), java.nio.charset.StandardCharsets.UTF_8).contains("<svg"));
    }

    @Test
    void aCurveEqualToAnEarlierOneIsDashedOverIt() {
        double[] x = {1, 2, 3};
        double[] a = {1, 0.1, 0.001};
        double[] b = {1, 0.2, 0.001};
        LinePlot.Drawn d = LinePlot.chart(PlotOptions.titled("seeds").withLogY(true),
                List.of(Series.of("seed 0", x, a), Series.of("seed 1", x, a.clone()), Series.of("seed 2", x, b),
                        Series.of("seed 3", x, a.clone())), List.of());
        var series = d.chart().getSeriesMap();
        assertEquals(Styles.SOLID, series.get("seed 0").getLineStyle());
        assertEquals(Styles.SOLID, series.get("seed 2").getLineStyle(), "a curve of its own stays solid");
        float[] one = series.get("seed 1").getLineStyle().getDashArray();
        float[] three = series.get("seed 3").getLineStyle().getDashArray();
        assertTrue(one != null && three != null, "copies are dashed");
        // two copies of seed 0: each draws its own slot of a period of three dashes
        assertEquals(18f, one[0] + one[1], 0f);
        assertTrue(series.get("seed 1").getLineStyle().getDashPhase()
                != series.get("seed 3").getLineStyle().getDashPhase(), "the copies' dashes do not coincide");
    }

    @Test
    void aLevelIsADashedLineTheAxisReachesNamedInTheLegend() throws Exception {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 0.5, 0.3, 0.2};
        PlotOptions o = PlotOptions.titled("stds").withLogY(true).withSize(600, 400);
        LinePlot.Drawn d = LinePlot.chart(o, List.of(Series.of("seed 0", x, y)), List.of(),
                List.of(Level.at(0.01, "1% of the largest std")));
        Axes.paint(d.chart(), 600, 400);
        double py = d.chart().getScreenYFromChart(0.01);
        Rectangle2D plot = d.chart().plotArea();
        assertTrue(py > plot.getMinY() && py < plot.getMaxY(), "the y axis reaches the level below the data: " + py
                + " in " + plot);
        XYSeries level = d.chart().getSeriesMap().get("1% of the largest std");
        assertTrue(level != null && level.isShowInLegend() && d.chart().getStyler().isLegendVisible(),
                "the legend names the level, even beside one curve");
        assertEquals(Styles.DASHED, level.getLineStyle());
        assertThrows(ChartException.class, () -> LinePlot.chart(o, List.of(Series.of("seed 0", x, y)), List.of(),
                List.of(Level.at(0, "zero"))));
        assertTrue(LinePlot.of(o, List.of(Series.of("seed 0", x, y)), List.of(),
                List.of(Level.at(0.01, "1% of the largest std"))).toPng().length > 1000);
    }
}
