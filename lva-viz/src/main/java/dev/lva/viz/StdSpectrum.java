package dev.lva.viz;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Latent standard deviations sorted from largest to smallest, the plot in which Least Volume
 * shows how many dimensions it kept. The stds are points on a log axis, joined by a thin line:
 * a bar needs a baseline and a log axis has none, so bars would rise from an arbitrary floor and
 * their lengths would mean nothing. The dimensions a rule keeps are blue, whichever they are: a
 * rule such as explained reconstruction need not keep the largest stds. A dimension it drops is
 * called collapsed (grey) only when its std says so, at or below the threshold line; one above the
 * line is dropped for the caller's reason (orange, such as {@code below 1% explained
 * reconstruction}). When the kept dimensions are the largest stds, a dashed vertical line splits
 * them from the rest, labelled with both counts and the gap (the last kept std over the first
 * dropped one); when they are not, there is no split and no gap, and the figure says why. The
 * threshold, when given, is a dashed red line. A
 * std of exactly 0 (a pruned dimension) has no place on a log axis and is drawn as a triangle on
 * the bottom edge. Each point is labelled with its latent index ({@code z3}).
 *
 * <pre>{@code
 * Figure f = StdSpectrum.of(PlotOptions.titled("Latent stds"), stds, kept, "below 1% explained reconstruction",
 *         0.01 * max, "1% of the largest std");
 * }</pre>
 */
public final class StdSpectrum {
    static {
        Headless.ensure();
    }

    static final String KIND = "std spectrum";

    static final Color COLLAPSED = new Color(0x9A9A9A);
    static final Color DROPPED = Styles.ORANGE;

    /** How a dimension is drawn: kept by the rule, dropped above the threshold, or collapsed at or below it. */
    enum Mark { KEPT, DROPPED, COLLAPSED }

    /** Beyond this many dimensions the index labels are turned vertical so they do not overlap. */
    private static final int UPRIGHT_LABELS = 12;

    private StdSpectrum() {}

    /**
     * The {@code kept} largest stds kept, the others dropped ({@code not kept} above the threshold,
     * collapsed at or below it).
     *
     * @param stds           per latent dimension, in latent order, each >= 0
     * @param kept           how many of the largest are kept, 0 to {@code stds.length}
     * @param threshold      the std the rule compares against, or NaN for none
     * @param thresholdLabel legend text of the threshold, such as {@code 1% of the largest std}
     */
    public static Figure of(PlotOptions options, double[] stds, int kept, double threshold, String thresholdLabel) {
        Check check = new Check(KIND, options.title());
        double[] v = check.values("stds", stds);
        if (kept < 0 || kept > v.length) {
            throw check.fail("kept is " + kept + "; it must be between 0 and the " + v.length + " dimensions");
        }
        int[] order = BarChart.descendingOrder(v);
        boolean[] flags = new boolean[v.length];
        for (int r = 0; r < kept; r++) {
            flags[order[r]] = true;
        }
        return of(options, stds, flags, "not kept", threshold, thresholdLabel);
    }

    /**
     * @param stds           per latent dimension, in latent order, each >= 0
     * @param kept           per latent dimension, in latent order: whether the rule keeps it
     * @param droppedLabel   why a dimension above the threshold is not kept, such as {@code below 1%
     *                       explained reconstruction}
     * @param threshold      the std at or below which a dimension is collapsed, or NaN for none
     * @param thresholdLabel legend text of the threshold, such as {@code 1% of the largest std}
     */
    public static Figure of(PlotOptions options, double[] stds, boolean[] kept, String droppedLabel, double threshold,
                            String thresholdLabel) {
        Check check = new Check(KIND, options.title());
        double[] v = check.values("stds", stds);
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw check.fail("stds[" + i + "] is " + v[i] + "; a standard deviation cannot be negative");
            }
        }
        if (kept == null || kept.length != v.length) {
            throw check.fail((kept == null ? "no" : kept.length) + " kept flags for " + v.length + " dimensions");
        }
        if (!Double.isNaN(threshold)) {
            check.finite("threshold", threshold);
        }
        check.noRange(options.xRange(), "x", "the x axis is the rank of each std");
        check.noSameScale(options, "the x axis is the rank of each std");
        check.noRange(options.yRange(), "y", "the y axis is fitted to the stds");
        int d = v.length;
        int[] order = BarChart.descendingOrder(v);
        double[] sorted = new double[d];
        for (int r = 0; r < d; r++) {
            sorted[r] = v[order[r]];
        }
        Mark[] marks = marks(sorted, sortedFlags(kept, order), threshold);
        int split = split(marks);
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (double s : sorted) {
            if (s > 0) {
                smallest = Math.min(smallest, s);
                largest = Math.max(largest, s);
            }
        }
        boolean log = largest > 0;
        if (log && threshold > 0) {
            smallest = Math.min(smallest, threshold);
            largest = Math.max(largest, threshold);
        }
        // Decades around the values, and a floor below them for the stds that are exactly 0.
        // Exponents kept where powers of ten are positive, finite doubles (subnormal stds happen).
        double yMin = log ? Math.pow(10, Math.max(-323, Math.floor(Math.log10(smallest)) - (hasZero(sorted) ? 1 : 0)))
                : -0.05;
        double yMax = log ? Math.pow(10, Math.min(300, Math.ceil(Math.log10(largest) + 0.05))) : 1;
        if (log && yMax / yMin < 100) {
            yMin = yMax / 100;
        }
        double floor = log ? yMin * 1.25 : 0;

        PlotOptions o = options.withLogY(log).withLabels(
                options.xLabel().isEmpty() ? "latent dimension, by std" : options.xLabel(),
                options.yLabel().isEmpty() ? "standard deviation" : options.yLabel());
        PlotAreaChart chart = Styles.style(new PlotAreaChart(o.width(), o.height()), o);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.4).setXAxisMax(d + 0.6);
        chart.getStyler().setYAxisMin(yMin).setYAxisMax(yMax);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        // XChart places x ticks at round numbers and sizes them by the labels of the axis ends; the
        // ranks' names are drawn here instead, one under each point.
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setXAxisTitleVisible(false);
        List<String> names = new ArrayList<>(d);
        double widest = 0;
        for (int r = 0; r < d; r++) {
            names.add("z" + order[r]);
            widest = Math.max(widest, Text.width(names.get(r), Styles.TICK));
        }
        boolean upright = d > UPRIGHT_LABELS;
        double labelHeight = upright ? widest : Text.ascent(Styles.TICK);
        double labelBand = labelHeight + 12 + 22;
        List<Legend.Entry> legend = new ArrayList<>();

        // The spectrum as a thin line through the positive stds, under the points.
        List<double[]> line = new ArrayList<>();
        for (int r = 0; r < d; r++) {
            if (!log || sorted[r] > 0) {
                line.add(new double[] {r + 1, sorted[r]});
            }
        }
        if (line.size() > 1) {
            XYSeries s = chart.addSeries("spectrum", column(line, 0), column(line, 1));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Styles.LIGHT_EDGE);
            s.setLineStyle(Styles.THIN);
        }
        points(chart, "kept", sorted, marks, Mark.KEPT, log, floor, color(Mark.KEPT));
        points(chart, "dropped", sorted, marks, Mark.DROPPED, log, floor, color(Mark.DROPPED));
        points(chart, "collapsed", sorted, marks, Mark.COLLAPSED, log, floor, color(Mark.COLLAPSED));
        legend.addAll(legend(marks, droppedLabel));
        if (log) {
            legend.addAll(zeroLegend(sorted, marks));
        }
        if (threshold > 0 || (!log && !Double.isNaN(threshold))) {
            XYSeries t = chart.addSeries("threshold", new double[] {0.4, d + 0.6}, new double[] {threshold, threshold});
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(Styles.RED);
            t.setLineStyle(Styles.DASHED);
            String label = thresholdLabel == null || thresholdLabel.isBlank() ? "threshold" : thresholdLabel;
            legend.add(Legend.Entry.line(label + " (" + Ticks.format(threshold) + ")", Styles.RED, Styles.DASHED));
        }
        if (split > 0) {
            XYSeries cut = chart.addSeries("split", new double[] {split + 0.5, split + 0.5}, new double[] {yMin, yMax});
            cut.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            cut.setMarker(SeriesMarkers.NONE);
            cut.setLineColor(Styles.REFERENCE);
            cut.setLineStyle(Styles.DASHED);
        }
        String note = note(sorted, marks);
        double noteAt = split > 0 ? split + 0.5 : 0.5;
        String xTitle = o.xLabel();
        return new Figure(KIND, o.title(), o.width(), o.height(), (g, w, h) -> {
            int band = Legend.band(legend, w);
            chart.paint(g, w, (int) Math.round(h - band - labelBand));
            Rectangle2D plot = chart.plotArea();
            Text.smooth(g);
            g.setColor(Styles.TEXT);
            double pitch = d > 1 ? Math.abs(chart.getScreenXFromChart(2) - chart.getScreenXFromChart(1)) : plot.getWidth();
            int every = (int) Math.max(1, Math.ceil((Text.ascent(Styles.TICK) + 3) / Math.max(1e-9, pitch)));
            double below = plot.getMaxY() + 6;
            for (int r = 0; r < d; r += every) {
                double x = chart.getScreenXFromChart(r + 1);
                if (upright) {
                    double lw = Text.width(names.get(r), Styles.TICK);
                    Text.drawVertical(g, names.get(r), Styles.TICK, x, below + lw / 2);
                } else {
                    Text.draw(g, names.get(r), Styles.TICK, x, below + Text.ascent(Styles.TICK) / 2, 0.5);
                }
            }
            if (note != null) {
                // beside the split line (or the plot's left edge), right of it, or left where the text would
                // leave the plot
                double lineX = Math.max(plot.getX(), chart.getScreenXFromChart(noteAt));
                double textWidth = Text.width(note, Styles.ANNOTATION);
                boolean right = lineX + 6 + textWidth <= plot.getMaxX() - 4;
                Text.draw(g, note, Styles.ANNOTATION, right ? lineX + 6 : lineX - 6, plot.getY() + 14, right ? 0 : 1);
            }
            double titleY = below + labelHeight + 14;
            Text.draw(g, xTitle, Styles.AXIS_TITLE, plot.getCenterX(), titleY, 0.5);
            Legend.paintBand(g, legend, w, h - band);
        });
    }

    /** Each rank's mark: kept by the rule, else collapsed at or below the threshold, else dropped. */
    static Mark[] marks(double[] sorted, boolean[] keptSorted, double threshold) {
        Mark[] m = new Mark[sorted.length];
        for (int r = 0; r < sorted.length; r++) {
            m[r] = keptSorted[r] ? Mark.KEPT : !Double.isNaN(threshold) && sorted[r] <= threshold ? Mark.COLLAPSED
                    : Mark.DROPPED;
        }
        return m;
    }

    private static boolean[] sortedFlags(boolean[] kept, int[] order) {
        boolean[] out = new boolean[order.length];
        for (int r = 0; r < order.length; r++) {
            out[r] = kept[order[r]];
        }
        return out;
    }

    /**
     * How many of the largest stds are kept when the kept ones are exactly those (the split line goes
     * after them); 0 when none or all are kept, or when the kept ones are not the largest.
     */
    static int split(Mark[] marks) {
        int k = count(marks, Mark.KEPT);
        for (int r = 0; r < k; r++) {
            if (marks[r] != Mark.KEPT) {
                return 0;
            }
        }
        return k < marks.length ? k : 0;
    }

    /**
     * The text at the top of the plot: the split's counts and gap, or, when the kept dimensions are
     * not the largest stds, that there is no split and so no gap; null when all or none are kept.
     */
    static String note(double[] sorted, Mark[] marks) {
        int k = count(marks, Mark.KEPT);
        if (k == 0 || k == marks.length) {
            return null;
        }
        int split = split(marks);
        if (split == 0) {
            return k + " kept, not the " + k + " largest stds: no split, no gap";
        }
        return splitLabel(sorted, split, marks);
    }

    /** The legend's marker entries: kept, dropped for the caller's reason, collapsed (those that occur, kept always). */
    static List<Legend.Entry> legend(Mark[] marks, String droppedLabel) {
        List<Legend.Entry> out = new ArrayList<>();
        out.add(Legend.Entry.marker("kept (" + count(marks, Mark.KEPT) + ")", Legend.Sample.CIRCLE, color(Mark.KEPT)));
        int dropped = count(marks, Mark.DROPPED);
        if (dropped > 0) {
            String label = droppedLabel == null || droppedLabel.isBlank() ? "not kept" : droppedLabel;
            out.add(Legend.Entry.marker(label + " (" + dropped + ")", Legend.Sample.CIRCLE, color(Mark.DROPPED)));
        }
        int collapsed = count(marks, Mark.COLLAPSED);
        if (collapsed > 0) {
            out.add(Legend.Entry.marker("collapsed: std at or below the line (" + collapsed + ")", Legend.Sample.CIRCLE,
                    color(Mark.COLLAPSED)));
        }
        return out;
    }

    /** The colour a mark's points are drawn in, its circles and its triangles of std 0 alike. */
    static Color color(Mark m) {
        return switch (m) {
            case KEPT -> Styles.BLUE;
            case DROPPED -> DROPPED;
            case COLLAPSED -> COLLAPSED;
        };
    }

    /**
     * The legend's entries for the stds of exactly 0, drawn as triangles on the floor of a log axis:
     * one per mark that has such a std, in that mark's colour (the triangles are drawn in it; a grey
     * entry beside orange triangles named the wrong points), the mark named when there are several.
     */
    static List<Legend.Entry> zeroLegend(double[] sorted, Mark[] marks) {
        java.util.EnumSet<Mark> withZero = java.util.EnumSet.noneOf(Mark.class);
        for (int r = 0; r < sorted.length; r++) {
            if (!(sorted[r] > 0)) {
                withZero.add(marks[r]);
            }
        }
        List<Legend.Entry> out = new ArrayList<>();
        for (Mark m : withZero) {
            String which = withZero.size() == 1 ? "" : " (" + m.name().toLowerCase(Locale.ROOT) + ")";
            out.add(Legend.Entry.marker("std exactly 0" + which, Legend.Sample.TRIANGLE_DOWN, color(m)));
        }
        return out;
    }

    private static int count(Mark[] marks, Mark m) {
        int n = 0;
        for (Mark x : marks) {
            n += x == m ? 1 : 0;
        }
        return n;
    }

    /**
     * {@code 2 kept | 1 collapsed, gap x540}: the largest {@code kept} stds are the kept ones; the
     * rest are named collapsed only when every one of them is, else dropped; the gap is the last kept
     * std over the first dropped one.
     */
    static String splitLabel(double[] sorted, int kept, Mark[] marks) {
        boolean allCollapsed = true;
        for (int r = kept; r < marks.length; r++) {
            allCollapsed &= marks[r] == Mark.COLLAPSED;
        }
        String counts = kept + " kept | " + (sorted.length - kept) + (allCollapsed ? " collapsed" : " dropped");
        double next = sorted[kept];
        if (!(next > 0)) {
            return counts;
        }
        double ratio = sorted[kept - 1] / next;
        String gap = ratio < 1e5 ? new BigDecimal(ratio).round(new MathContext(3)).stripTrailingZeros().toPlainString()
                : String.format(Locale.ROOT, "%.2e", ratio);
        return counts + ", gap \u00d7" + gap;
    }

    private static void points(XYChart chart, String name, double[] sorted, Mark[] marks, Mark mark, boolean log,
                               double floor, Color color) {
        List<double[]> positive = new ArrayList<>();
        List<double[]> zero = new ArrayList<>();
        for (int r = 0; r < sorted.length; r++) {
            if (marks[r] != mark) {
                continue;
            }
            if (log && !(sorted[r] > 0)) {
                zero.add(new double[] {r + 1, floor});
            } else {
                positive.add(new double[] {r + 1, sorted[r]});
            }
        }
        if (!positive.isEmpty()) {
            XYSeries s = chart.addSeries(name, column(positive, 0), column(positive, 1));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        }
        if (!zero.isEmpty()) {
            XYSeries s = chart.addSeries(name + " (0)", column(zero, 0), column(zero, 1));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.TRIANGLE_DOWN);
            s.setMarkerColor(color);
        }
    }

    private static boolean hasZero(double[] v) {
        for (double s : v) {
            if (s == 0) {
                return true;
            }
        }
        return false;
    }

    private static double[] column(List<double[]> points, int j) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i)[j];
        }
        return out;
    }
}
