package dev.lva.viz;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

/**
 * Values far from zero compared with their spread (a collapsed latent dimension that sits at 1e4
 * and moves by 1e-7) get tick labels of sixteen digits; in a small panel they leave no room for
 * the plot, which is then drawn empty. As matplotlib does, such an axis shows the values minus a
 * round offset and its title says so: {@code z1 - 10000}. The offset is the middle of the range
 * rounded to the first decimal digit at or above the span, so it is short and exact.
 */
final class AxisOffset {
    /** An offset once the tick labels would share this many leading digits (matplotlib: four). */
    static final double RATIO = 1e4;

    private AxisOffset() {}

    /** The offset for an axis from {@code min} to {@code max}: 0 when the ticks read without one. */
    static double offset(double min, double max) {
        double span = max - min;
        double mid = min / 2 + max / 2;
        if (!(span > 0) || !(Math.abs(mid) >= RATIO * span)) {
            return 0;
        }
        int digit = (int) Math.ceil(Math.log10(span));
        return new BigDecimal(mid).setScale(-digit, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** {@code title - offset} (or {@code + offset} for a negative one), with the offset kept short. */
    static String title(String title, double offset) {
        String number = format(Math.abs(offset));
        return title + (offset > 0 ? " \u2212 " : " + ") + number;
    }

    /** Plain digits from 1e-4 to 1e7, otherwise {@code 1e+300}. */
    static String format(double v) {
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(15)).stripTrailingZeros();
        if (v == 0 || (v >= 1e-4 && v < 1e7)) {
            return d.toPlainString();
        }
        String s = d.toString().toLowerCase(java.util.Locale.ROOT);
        return s.contains("e") ? s : d.toPlainString();
    }

    /**
     * Shifts every series of {@code chart} by the offsets its x and (linear) y axes need, with the
     * fixed axis limits and the axis titles; call after all series are added. An axis without a
     * title is named {@code x} or {@code y} when it gets an offset, since the offset must be read.
     *
     * @return the x and y offsets subtracted (0 for none), for what is drawn over the chart in data units
     */
    static double[] apply(XYChart chart) {
        XYStyler s = chart.getStyler();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double v : series.getXData()) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
            for (double v : series.getYData()) {
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        // A fixed range is what the axis shows, so it decides.
        if (s.getXAxisMin() != null && s.getXAxisMax() != null) {
            xMin = s.getXAxisMin();
            xMax = s.getXAxisMax();
        }
        if (s.getYAxisMin() != null && s.getYAxisMax() != null) {
            yMin = s.getYAxisMin();
            yMax = s.getYAxisMax();
        }
        double dx = s.isXAxisLogarithmic() ? 0 : offset(xMin, xMax);
        double dy = s.isYAxisLogarithmic() ? 0 : offset(yMin, yMax);
        if (dx == 0 && dy == 0) {
            return new double[] {0, 0};
        }
        for (XYSeries series : chart.getSeriesMap().values().toArray(new XYSeries[0])) {
            chart.updateXYSeries(series.getName(), shift(series.getXData(), dx), shift(series.getYData(), dy), null);
        }
        if (dx != 0) {
            if (s.getXAxisMin() != null) {
                s.setXAxisMin(s.getXAxisMin() - dx);
            }
            if (s.getXAxisMax() != null) {
                s.setXAxisMax(s.getXAxisMax() - dx);
            }
            String t = chart.getXAxisTitle();
            chart.setXAxisTitle(title(t == null || t.isEmpty() ? "x" : t, dx));
            s.setXAxisTitleVisible(true);
        }
        if (dy != 0) {
            if (s.getYAxisMin() != null) {
                s.setYAxisMin(s.getYAxisMin() - dy);
            }
            if (s.getYAxisMax() != null) {
                s.setYAxisMax(s.getYAxisMax() - dy);
            }
            String t = chart.getYAxisTitle();
            chart.setYAxisTitle(title(t == null || t.isEmpty() ? "y" : t, dy));
            s.setYAxisTitleVisible(true);
        }
        return new double[] {dx, dy};
    }

    private static double[] shift(double[] v, double by) {
        if (by == 0) {
            return v;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - by;
        }
        return out;
    }
}
