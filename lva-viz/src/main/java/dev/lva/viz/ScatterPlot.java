package dev.lva.viz;

import java.awt.Color;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
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
     * intervals, each one series with its viridis colour; ten classes are still told apart.
     */
    static final int COLOR_CLASSES = 10;

    private ScatterPlot() {}

    /** All points in one colour, without a legend. */
    public static Figure of(PlotOptions options, double[] x, double[] y) {
        Check check = new Check(KIND, options.title());
        double[] xs = check.values("x", x);
        double[] ys = check.values("y", y);
        check.sameLength("x", xs, "y", ys);
        if (options.logY()) {
            check.positive("y", ys);
        }
        XYChart chart = base(options);
        chart.getStyler().setLegendVisible(false);
        XYSeries points = chart.addSeries("points", xs, ys);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Styles.BLUE);
        Styles.roundTicks(chart);
        return new Figure(KIND, options.title(), options.width(), options.height(), chart::paint);
    }

    /**
     * Points coloured by {@code values} on the viridis scale (dark purple = smallest, yellow =
     * largest), cut into {@value #COLOR_CLASSES} equal intervals listed in the legend as
     * {@code valueName lo..hi}.
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
        String label = valueName == null || valueName.isBlank() ? "value" : valueName;
        double lo = min(vs);
        double hi = max(vs);
        int[] classOf = new int[vs.length];
        int[] counts = new int[COLOR_CLASSES];
        for (int i = 0; i < vs.length; i++) {
            classOf[i] = colorClass(vs[i], lo, hi);
            counts[classOf[i]]++;
        }
        XYChart chart = base(options);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double step = (hi - lo) / COLOR_CLASSES;
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
            String name = hi > lo
                    ? String.format(Locale.ROOT, "%s %.3g..%.3g", label, lo + k * step, lo + (k + 1) * step)
                    : String.format(Locale.ROOT, "%s %.3g", label, lo);
            if (chart.getSeriesMap().containsKey(name)) {
                // Intervals narrower than three digits print alike; XChart needs distinct names.
                name = name + " #" + (k + 1);
            }
            XYSeries s = chart.addSeries(name, cx, cy);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(classColor(k));
        }
        Styles.roundTicks(chart);
        return new Figure(KIND, options.title(), options.width(), options.height(), chart::paint);
    }

    /** Interval index of {@code v} in [lo, hi]; the maximum belongs to the last interval. */
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

    private static XYChart base(PlotOptions options) {
        XYChart chart = Styles.xyChart(options);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
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
