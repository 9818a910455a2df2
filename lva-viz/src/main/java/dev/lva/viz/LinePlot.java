package dev.lva.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loss curves and other named series against a step or epoch axis, optionally on a log y axis,
 * optionally with labelled vertical {@link Marker}s for events on that axis (pruning starts, the
 * run was resumed) and horizontal {@link Level}s (a threshold) named in the legend. The legend stands right
 * of the plot, so that it never hides a curve; a curve with exactly the points of an earlier one
 * (two seeds that trained alike) is dashed over it, so that both stay visible.
 *
 * <pre>{@code
 * Figure f = LinePlot.of(
 *         PlotOptions.titled("training loss").withLabels("step", "loss").withLogY(true),
 *         List.of(Series.of("reconstruction", steps, recon), Series.of("volume", steps, volume)),
 *         List.of(Marker.at(2000, "pruning from step 2000")));
 * f.save(out.resolve("loss.png"));
 * }</pre>
 */
public final class LinePlot {
    static {
        Headless.ensure();
    }

    private static final Logger LOG = LoggerFactory.getLogger(LinePlot.class);

    static final String KIND = "line plot";
    /** The markers' colour: darker than the grid, apart from every curve colour of the palette. */
    static final Color MARKER = Styles.REFERENCE;

    private LinePlot() {}

    /**
     * @param series one or more curves with distinct names; with {@code logY} every y must be
     *               positive (a loss of exactly 0 cannot be drawn on a log axis)
     */
    public static Figure of(PlotOptions options, List<Series> series) {
        return of(options, series, List.of());
    }

    /**
     * The curves with a dashed vertical line and its label at each marker. A marker outside the
     * x axis (an event after the last recorded step) is left out, since the curves do not reach it.
     *
     * @param markers events on the x axis, in any order; may be empty
     */
    public static Figure of(PlotOptions options, List<Series> series, List<Marker> markers) {
        return of(options, series, markers, List.of());
    }

    /**
     * The curves with their markers and a dashed horizontal reference line at each level, named in
     * the legend. The y axis reaches every level.
     *
     * @param levels thresholds on the y axis; positive on a log axis; may be empty
     */
    public static Figure of(PlotOptions options, List<Series> series, List<Marker> markers, List<Level> levels) {
        Drawn d = chart(options, series, markers, levels);
        return new Figure(KIND, options.title(), options.width(), options.height(), d::paint);
    }

    /**
     * The chart and the markers it draws over it, painted together; with markers, the chart is
     * painted {@code band} px lower, under its title and the markers' labels.
     */
    record Drawn(PlotAreaChart chart, List<Marker> markers, double xOffset, String title, double band) {
        void paint(Graphics2D g, int w, int h) {
            if (band == 0) {
                chart.paint(g, w, h);
                return;
            }
            Graphics2D below = (Graphics2D) g.create();
            try {
                below.translate(0, band);
                chart.paint(below, w, (int) Math.round(h - band));
                paintMarkers(below, this);
            } finally {
                below.dispose();
            }
            // centred over the plot, where XChart puts its title
            Text.smooth(g);
            g.setColor(Styles.TEXT);
            Text.draw(g, title, Styles.TITLE, chart.plotArea().getCenterX(), 18 + Text.ascent(Styles.TITLE) / 2, 0.5);
        }
    }

    /** Height of the title's row when it is drawn here: XChart's chart padding, title and its padding. */
    static final double TITLE_ROOM = 42;

    static Drawn chart(PlotOptions options, List<Series> series, List<Marker> markers) {
        return chart(options, series, markers, List.of());
    }

    static Drawn chart(PlotOptions options, List<Series> series, List<Marker> markers, List<Level> levels) {
        Check check = new Check(KIND, options.title());
        check.noSameScale(options, "a line plot draws values against a step or another unit");
        List<Series> all = check.nonEmpty("series", series);
        check.distinctNames(all);
        if (markers == null) {
            throw check.fail("markers are missing (pass an empty list for none)");
        }
        PlotAreaChart chart = Styles.style(new PlotAreaChart(options.width(), options.height()), options);
        chart.getStyler().setLegendVisible(all.size() > 1);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        List<double[][]> data = new ArrayList<>();
        for (Series s : all) {
            data.add(check.series(s, options.logY()));
        }
        int[][] same = sameCurves(data);
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            double[][] xy = data.get(i);
            xMin = Math.min(xMin, ScatterPlot.min(xy[0]));
            xMax = Math.max(xMax, ScatterPlot.max(xy[0]));
            XYSeries line = chart.addSeries(s.name(), xy[0], xy[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineStyle(stroke(same[i][0], same[i][1]));
            line.setLineColor(Styles.PALETTE[i % Styles.PALETTE.length]);
            line.setMarkerColor(Styles.PALETTE[i % Styles.PALETTE.length]);
            // A one-point curve has no line to show; the marker keeps it visible.
            line.setMarker(xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (options.xRange() != null) {
            xMin = options.xRange().min();
            xMax = options.xRange().max();
        }
        List<Marker> shown = new ArrayList<>();
        for (Marker m : markers) {
            if (m == null) {
                throw check.fail("a marker is missing");
            }
            if (m.x() >= xMin && m.x() <= xMax) {
                shown.add(m);
            } else {
                LOG.debug("line plot '{}': marker '{}' at {} is outside the x axis {}..{}; left out", options.title(), m.label(), m.x(),
                        xMin, xMax);
            }
        }
        if (levels == null) {
            throw check.fail("levels are missing (pass an empty list for none)");
        }
        for (int k = 0; k < levels.size(); k++) {
            Level level = levels.get(k);
            if (level == null) {
                throw check.fail("a level is missing");
            }
            if (options.logY() && !(level.y() > 0)) {
                throw check.fail("level '" + level.label() + "' is at y = " + level.y()
                        + ", but a log-scale y axis needs values > 0");
            }
            // drawn by XChart, so that the y axis reaches it, and named in the legend rather than on
            // the plot, where its label would cover the curves that cross it
            String name = level.label();
            while (chart.getSeriesMap().containsKey(name)) {
                name += " ";
            }
            XYSeries line = chart.addSeries(name, new double[] {xMin, xMax}, new double[] {level.y(), level.y()});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(MARKER);
            line.setLineStyle(Styles.DASHED);
            chart.getStyler().setLegendVisible(true);
        }
        double band = 0;
        if (!shown.isEmpty()) {
            // The markers' labels get a row each between the title and the plot, where no curve runs.
            // XChart pads its title alike above and below, so the title is drawn here instead.
            chart.getStyler().setChartTitleVisible(false);
            band = TITLE_ROOM + shown.size() * markerRow();
        }
        double[] offsets = Styles.finish(chart);
        return new Drawn(chart, List.copyOf(shown), offsets[0], options.title(), band);
    }

    /**
     * Per curve: how many earlier curves have exactly its points (0 for the first of its kind), and
     * how many copies its kind has after the first. Seeds that train to the same numbers draw the
     * same curve, and the last one drawn would hide the others.
     */
    static int[][] sameCurves(List<double[][]> data) {
        int[][] out = new int[data.size()][2];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (out[j][0] == 0 && java.util.Arrays.equals(data.get(i)[0], data.get(j)[0])
                        && java.util.Arrays.equals(data.get(i)[1], data.get(j)[1])) {
                    out[i][0] = ++out[j][1];
                    break;
                }
            }
        }
        // every copy learns how many its kind has, from the first of the kind
        for (int i = 0; i < data.size(); i++) {
            if (out[i][0] > 0) {
                for (int j = 0; j < i; j++) {
                    if (out[j][0] == 0 && java.util.Arrays.equals(data.get(i)[0], data.get(j)[0])
                            && java.util.Arrays.equals(data.get(i)[1], data.get(j)[1])) {
                        out[i][1] = out[j][1];
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Solid for a curve of its own; for the {@code copy}-th of {@code copies} copies of an earlier
     * curve, dashes that fill only its own slot of each period, so that the first curve and every
     * copy show their colours in turn along the one line (and the legend shows the dash).
     */
    static BasicStroke stroke(int copy, int copies) {
        if (copy == 0) {
            return Styles.SOLID;
        }
        float dash = 6f;
        float period = dash * (copies + 1);
        return new BasicStroke(Styles.SOLID.getLineWidth(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {dash, period - dash}, period - dash * copy);
    }

    /** The height of one marker label's row in the band above the plot. */
    static double markerRow() {
        return Text.ascent(Styles.ANNOTATION) + 6;
    }

    /**
     * Each marker as a dashed line from the bottom of the plot up into the band above it, which
     * holds the labels: right of the line, or left of it where the text would leave the plot. Each
     * label has its own row of the band, so that two markers a few pixels apart do not write over
     * each other, and none covers a curve.
     */
    static void paintMarkers(Graphics2D g, Drawn d) {
        if (d.markers().isEmpty()) {
            return;
        }
        Rectangle2D plot = d.chart().plotArea();
        Text.smooth(g);
        double lineHeight = markerRow();
        for (int k = 0; k < d.markers().size(); k++) {
            Marker m = d.markers().get(k);
            double x = d.chart().getScreenXFromChart(m.x() - d.xOffset());
            g.setColor(MARKER);
            g.setStroke(Styles.DASHED);
            g.draw(new Line2D.Double(x, plot.getMinY(), x, plot.getMaxY()));
            double width = Text.width(m.label(), Styles.ANNOTATION);
            boolean right = x + 5 + width <= plot.getMaxX() - 3;
            double left = right ? x + 5 : x - 5 - width;
            // in the band above the plot (stacked upwards), where no curve runs
            double y = plot.getMinY() - 2 - lineHeight / 2 - (d.markers().size() - 1 - k) * lineHeight;
            g.setColor(MARKER);
            g.draw(new Line2D.Double(x, y, x, plot.getMinY()));
            g.setColor(Styles.TEXT);
            Text.draw(g, m.label(), Styles.ANNOTATION, left, y, 0);
        }
    }
}
