package dev.lva.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one look shared by all charts. Every font, colour and stroke is set explicitly rather than
 * taken from XChart's theme, so that a figure renders to the same pixels each time and does not
 * change when XChart changes a default.
 */
final class Styles {
    static {
        Headless.ensure();
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font SMALL_TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font ANNOTATION = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static final Color TEXT = new Color(0x222222);
    static final Color FRAME = new Color(0x888888);
    static final Color GRID_LINES = new Color(0xE3E3E3);
    static final Color REFERENCE = new Color(0x555555);
    static final Color LIGHT_EDGE = new Color(0xC8C8C8);

    /** matplotlib's tab10, the cycle most researchers read plots in. */
    static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
    };

    static final Color BLUE = PALETTE[0];
    static final Color ORANGE = PALETTE[1];
    static final Color GREEN = PALETTE[2];
    static final Color RED = PALETTE[3];

    static final BasicStroke SOLID = new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke THIN = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    static final BasicStroke DASHED =
            new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);

    private Styles() {}

    /** Applies the shared look; {@code small} is for grid panels, which need tighter text. */
    static void apply(AxesChartStyler s, boolean small) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(FRAME);
        s.setPlotBorderVisible(true);
        s.setPlotGridLinesColor(GRID_LINES);
        s.setPlotGridLinesStroke(THIN);
        s.setChartFontColor(TEXT);
        s.setAxisTickLabelsColor(TEXT);
        s.setAxisTickMarksColor(FRAME);
        s.setBaseFont(small ? SMALL_TICK : TICK);
        s.setChartTitleFont(small ? PANEL_TITLE : TITLE);
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(small ? 4 : 8);
        s.setAxisTitleFont(small ? SMALL_TICK : AXIS_TITLE);
        s.setAxisTickLabelsFont(small ? SMALL_TICK : TICK);
        s.setAnnotationTextFont(small ? SMALL_TICK : ANNOTATION);
        s.setAnnotationTextFontColor(TEXT);
        s.setLegendFont(LEGEND);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(LIGHT_EDGE);
        // Right of the plot, never over it: inside, the legend hid the points of a sweep and the
        // start of loss curves, wherever XChart put it.
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE);
        s.setMarkerSize(small ? 4 : 6);
        s.setChartPadding(small ? 4 : 10);
        s.setPlotMargin(small ? 2 : 4);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
        // Tick labels are formatted with the default locale otherwise: a German machine writes 0,5.
        s.setLocale(Locale.ROOT);
    }

    /** An x-y chart of the options' size, title and axis titles, in the house style with their axes. */
    static PlotAreaChart xyChart(PlotOptions options) {
        return style(new PlotAreaChart(options.width(), options.height()), options);
    }

    /** Gives {@code chart} the options' title and axis titles and the house style with their axes. */
    static <C extends XYChart> C style(C chart, PlotOptions options) {
        chart.setTitle(options.title());
        chart.setXAxisTitle(options.xLabel());
        chart.setYAxisTitle(options.yLabel());
        apply(chart.getStyler(), false);
        axes(chart.getStyler(), options);
        return chart;
    }

    /** Axis titles, log scale and fixed ranges from the options. */
    static void axes(AxesChartStyler s, PlotOptions o) {
        s.setYAxisLogarithmic(o.logY());
        if (!o.logY()) {
            // bar charts too: XChart writes .05 for a std of 0.05 (x-y charts: tickLabels)
            s.setyAxisTickLabelsFormattingFunction(Ticks::axis);
        }
        if (o.xRange() != null) {
            s.setXAxisMin(o.xRange().min());
            s.setXAxisMax(o.xRange().max());
        }
        if (o.yRange() != null) {
            s.setYAxisMin(o.yRange().min());
            s.setYAxisMax(o.yRange().max());
        }
        s.setXAxisTitleVisible(!o.xLabel().isEmpty());
        s.setYAxisTitleVisible(!o.yLabel().isEmpty());
    }

    /**
     * The last step of every x-y chart with data axes, after its series are added: an offset for
     * an axis whose values sit far from zero against their spread ({@link AxisOffset}), then the
     * guard that keeps round-number ticks ({@link #roundTicks}).
     *
     * @return the x and y offsets subtracted from the data ({@link AxisOffset#apply})
     */
    static double[] finish(XYChart chart) {
        double[] offsets = AxisOffset.apply(chart);
        roundTicks(chart);
        return offsets;
    }

    /**
     * One group of a sweep chart: its points as markers, and a line through {@code guide} (medians,
     * a front) in the same colour, named in the legend as {@code volume median} so that the line
     * says what it joins. The line's name gets trailing spaces (invisible) where a group of the
     * chart ({@code groups}) or another series already has that name.
     */
    static void pointsWithGuide(XYChart chart, String name, double[] x, double[] y, double[][] guide, String guideName,
                                Color color, java.util.Collection<String> groups) {
        pointsWithGuide(chart, name, x, y, guide, guideName, color, groups, SeriesMarkers.CIRCLE, SOLID);
    }

    /** As above, with the points' marker and the guide line's stroke. */
    static void pointsWithGuide(XYChart chart, String name, double[] x, double[] y, double[][] guide, String guideName,
                                Color color, java.util.Collection<String> groups,
                                org.knowm.xchart.style.markers.Marker marker, BasicStroke stroke) {
        XYSeries points = chart.addSeries(name, x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(marker);
        points.setMarkerColor(color);
        if (guide[0].length > 1) {
            String lineName = name + " " + guideName;
            while (groups.contains(lineName) || chart.getSeriesMap().containsKey(lineName)) {
                lineName += " ";
            }
            XYSeries line = chart.addSeries(lineName, guide[0], guide[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(color);
            line.setLineStyle(stroke);
        }
    }

    /**
     * Whole-number ticks on an axis of counts (dimensions kept): no tick at 2.5 dimensions. XChart
     * picks the tick step from a pixel spacing hint: the round step (1, 2 or 5 times a power of
     * ten) nearest {@code span * hint / axis length}, which is 1 or more once that is above 0.75.
     * A hint of {@code 0.8 * pixels / span} gets there, since the axis is shorter than the chart
     * ({@code pixels}); XChart knows its real length only while painting. XChart draws no tick at all
     * when the hint exceeds the axis length, so the span must be at least 2 (the hint at most half
     * the chart): callers widen a count axis to that, which also keeps points off the frame.
     *
     * @param x      the x axis, else the y axis
     * @param span   the axis' extent in data units, at least 2
     * @param pixels the chart's width (x) or height (y)
     */
    static void integerTicks(XYChart chart, boolean x, double span, int pixels) {
        if (!(span >= 2)) {
            throw new IllegalArgumentException("a count axis needs a span of at least 2, got " + span);
        }
        AxesChartStyler st = chart.getStyler();
        int hint = (int) Math.ceil(0.8 * pixels / span);
        if (x) {
            st.setXAxisTickMarkSpacingHint(Math.max(st.getXAxisTickMarkSpacingHint(), hint));
        } else {
            st.setYAxisTickMarkSpacingHint(Math.max(st.getYAxisTickMarkSpacingHint(), hint));
        }
    }

    /**
     * A count axis from {@code min} to {@code max}: half a unit of room each side, and at least
     * two units in all ({@link #integerTicks}).
     */
    static double[] countRange(double min, double max) {
        double pad = Math.max(0.5, (2 - (max - min)) / 2);
        return new double[] {min - pad, max + pad};
    }

    /** Whether every value is a whole number: a count. */
    static boolean wholeNumbers(double[] values) {
        for (double v : values) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return values.length > 0;
    }

    /**
     * Keeps XChart's round-number ticks. When the distinct x (or y) values of all series are
     * evenly spaced, XChart 3.8.8 puts a tick on every data value and prints it with all its
     * digits: histogram bin edges become "-5.768923452298", the flat half of a ReLU sampled on a
     * grid gets twenty y labels. One invisible point off that grid, inside the data's box so it
     * moves no axis, makes the values uneven. Up to 25 whole-number x values keep their data
     * ticks (epochs 1..10 are labelled 1, 2, ..., not 1.5). Call after the visible series are added.
     */
    static void roundTicks(XYChart chart) {
        tickLabels(chart);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
            for (double v : s.getYData()) {
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        AxesChartStyler st = chart.getStyler();
        // A constant coordinate has one distinct value, which XChart labels with all its digits,
        // together with the ends of a fixed range: there the guard goes inside the fixed range.
        if (!(xMax > xMin) && st.getXAxisMin() != null && st.getXAxisMax() != null) {
            xMin = st.getXAxisMin();
            xMax = st.getXAxisMax();
        }
        if (!(yMax > yMin) && st.getYAxisMin() != null && st.getYAxisMax() != null && !st.isYAxisLogarithmic()) {
            yMin = st.getYAxisMin();
            yMax = st.getYAxisMax();
        }
        if (!(xMax > xMin) && !(yMax > yMin)) {
            return;
        }
        double f = 0.381966; // the golden section: no evenly spaced grid has a point there
        // A few whole-number x values are epochs or steps: ticks on them read better than 1.5.
        double x = fewIntegers(chart) ? xMin : xMin + f * (xMax - xMin);
        double y = chart.getStyler().isYAxisLogarithmic()
                ? Math.exp(Math.log(yMin) + f * (Math.log(yMax) - Math.log(yMin)))
                : yMin + f * (yMax - yMin);
        XYSeries guard = chart.addSeries("\u2063tick guard", new double[] {x}, new double[] {y});
        guard.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        guard.setMarker(SeriesMarkers.NONE);
        guard.setShowInLegend(false);
    }

    /**
     * Tick labels of the linear axes by {@link Ticks#axis}: {@code 0.01}, not XChart's {@code .01}.
     * A log axis keeps XChart's labels, since XChart lays out a log axis's decades only when no
     * label function is set.
     */
    static void tickLabels(XYChart chart) {
        AxesChartStyler st = chart.getStyler();
        if (!st.isXAxisLogarithmic() && st.getxAxisTickLabelsFormattingFunction() == null) {
            st.setxAxisTickLabelsFormattingFunction(Ticks::axis);
        }
        if (!st.isYAxisLogarithmic() && st.getyAxisTickLabelsFormattingFunction() == null) {
            st.setyAxisTickLabelsFormattingFunction(Ticks::axis);
        }
    }

    private static boolean fewIntegers(XYChart chart) {
        Set<Double> distinct = new HashSet<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                if (v != Math.rint(v) || (distinct.add(v) && distinct.size() > 25)) {
                    return false;
                }
            }
        }
        return true;
    }
}
