package dev.lva.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Points in the plane, such as two latent coordinates, plain or coloured by a value per point.
 *
 * <pre>{@code
 * Figure plain = ScatterPlot.of(PlotOptions.titled("latent").withLabels("z0", "z1"), z0, z1);
 * Figure byT = ScatterPlot.colored(PlotOptions.titled("latent by t"), z0, z1, t, "t");
 * }</pre>
 */
public final class ScatterPlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "scatter";

    /**
     * XChart colours per series, not per point, so the value range is cut into this many equal
     * intervals, each one series with its viridis colour: steps too fine to see beside the
     * colour bar, which is drawn continuous.
     */
    static final int COLOR_CLASSES = 64;

    /** Width of the band right of the plot that holds the colour bar, its ticks and its title. */
    private static final int BAR_BAND = 96;
    private static final int BAR_WIDTH = 14;

    private ScatterPlot() {}

    /** All points in one colour, without a legend; with {@link PlotOptions#sameScale()}, on one scale. */
    public static Figure of(PlotOptions options, double[] x, double[] y) {
        Check check = new Check(KIND, options.title());
        double[] xs = check.values("x", x);
        double[] ys = check.values("y", y);
        check.sameLength("x", xs, "y", ys);
        if (options.logY()) {
            check.positive("y", ys);
        }
        XYChart chart = base(options, new XYChart(options.width(), options.height()), xs, ys);
        chart.getStyler().setLegendVisible(false);
        XYSeries points = chart.addSeries("points", xs, ys);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Styles.BLUE);
        Styles.finish(chart);
        return new Figure(KIND, options.title(), options.width(), options.height(), chart::paint);
    }

    /**
     * Points coloured by {@code values} on the viridis scale (dark purple = smallest, yellow =
     * largest), with a colour bar on the right titled {@code valueName} that gives the scale: a
     * row index reads as a position along the bar, not as a list of intervals. With
     * {@link PlotOptions#sameScale()} both axes span the same width.
     */
    public static Figure colored(PlotOptions options, double[] x, double[] y, double[] values, String valueName) {
        Check check = new Check(KIND, options.title());
        double[] xs = check.values("x", x);
        double[] ys = check.values("y", y);
        double[] vs = check.values("values", values);
        check.sameLength("x", xs, "y", ys);
        check.sameLength("x", xs, "values", vs);
        if (options.logY()) {
            check.positive("y", ys);
        }
        if (options.width() - BAR_BAND < PlotOptions.MIN_SIZE) {
            throw check.fail("a colour bar needs the figure at least " + (PlotOptions.MIN_SIZE + BAR_BAND)
                    + " px wide, got " + options.width());
        }
        String label = valueName == null || valueName.isBlank() ? "value" : valueName;
        double lo = min(vs);
        double hi = max(vs);
        int[] classOf = new int[vs.length];
        int[] counts = new int[COLOR_CLASSES];
        for (int i = 0; i < vs.length; i++) {
            classOf[i] = colorClass(vs[i], lo, hi);
            counts[classOf[i]]++;
        }
        PlotAreaChart chart = base(options, new PlotAreaChart(options.width() - BAR_BAND, options.height()), xs, ys);
        chart.getStyler().setLegendVisible(false);
        for (int k = 0; k < COLOR_CLASSES; k++) {
            if (counts[k] == 0) {
                continue;
            }
            double[] cx = new double[counts[k]];
            double[] cy = new double[counts[k]];
            int n = 0;
            for (int i = 0; i < vs.length; i++) {
                if (classOf[i] == k) {
                    cx[n] = xs[i];
                    cy[n] = ys[i];
                    n++;
                }
            }
            XYSeries s = chart.addSeries("class " + k, cx, cy);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(classColor(k));
        }
        Styles.finish(chart);
        return new Figure(KIND, options.title(), options.width(), options.height(), (g, w, h) -> {
            chart.paint(g, w - BAR_BAND, h);
            colorBar(g, chart.plotArea(), w - BAR_BAND, lo, hi, label);
        });
    }

    /** A vertical viridis bar beside the plot area, largest value on top, with round ticks. */
    private static void colorBar(Graphics2D g, Rectangle2D plot, double bandLeft, double lo, double hi, String title) {
        double left = bandLeft + 10;
        double top = plot.getY();
        double height = plot.getHeight();
        int strips = Math.max(1, (int) Math.round(height));
        for (int i = 0; i < strips; i++) {
            double t = 1 - (i + 0.5) / strips;
            g.setColor(hi > lo ? ColorMap.viridis(t) : classColor(COLOR_CLASSES / 2));
            g.fill(new Rectangle2D.Double(left, top + i * height / strips, BAR_WIDTH, height / strips + 0.5));
        }
        Text.smooth(g);
        g.setColor(Styles.FRAME);
        g.setStroke(Styles.THIN);
        g.draw(new Rectangle2D.Double(left, top, BAR_WIDTH, height));
        for (double v : Ticks.nice(lo, hi, 6)) {
            double y = hi > lo ? top + (hi - v) / (hi - lo) * height : top + height / 2;
            g.setColor(Styles.FRAME);
            g.draw(new Line2D.Double(left + BAR_WIDTH, y, left + BAR_WIDTH + 4, y));
            g.setColor(Styles.TEXT);
            Text.draw(g, Ticks.format(v), Styles.TICK, left + BAR_WIDTH + 7, y, 0);
        }
        g.setColor(Styles.TEXT);
        // a long title ("row (2,000 of 10,000 shown)") on a short figure gets smaller, not cut off
        java.awt.Font font = Styles.AXIS_TITLE;
        while (Text.width(title, font) > height + 40 && font.getSize2D() > 7) {
            font = font.deriveFont(font.getSize2D() - 1);
        }
        Text.drawVertical(g, title, font, bandLeft + BAR_BAND - 10, top + height / 2);
    }

    /** Class index of {@code v} in [lo, hi]; the maximum belongs to the last class. */
    static int colorClass(double v, double lo, double hi) {
        if (!(hi > lo)) {
            return COLOR_CLASSES / 2;
        }
        int k = (int) Math.floor((v - lo) / (hi - lo) * COLOR_CLASSES);
        return Math.max(0, Math.min(COLOR_CLASSES - 1, k));
    }

    static Color classColor(int k) {
        return ColorMap.viridis((k + 0.5) / COLOR_CLASSES);
    }

    private static <C extends XYChart> C base(PlotOptions options, C chart, double[] xs, double[] ys) {
        Styles.style(chart, options);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (options.sameScale()) {
            Extent[] e = Extent.sameWidth(xs, ys);
            chart.getStyler().setXAxisMin(e[0].min()).setXAxisMax(e[0].max());
            chart.getStyler().setYAxisMin(e[1].min()).setYAxisMax(e[1].max());
        }
        return chart;
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
