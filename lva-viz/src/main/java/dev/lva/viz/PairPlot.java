package dev.lva.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Every pair of dimensions at once, as seaborn's pairplot: a histogram of each dimension on the
 * diagonal, the scatter of dimension j (x) against dimension i (y) in row i, column j. Panels in
 * a column share their x range and panels in a row their y range, so neighbours line up.
 *
 * <p>{@link #of} fits each dimension's range to its values, for data whose columns are measured
 * in different units. {@link #latent} is for latent codes: there every axis spans the same width,
 * the widest dimension's, so a collapsed dimension (a spread of 0.004 next to one of 2) is drawn
 * as the flat line it is rather than stretched into apparent structure, and the dimensions the
 * caller calls collapsed are named so and their panels shaded.
 *
 * <pre>{@code
 * Figure f = PairPlot.of(GridOptions.titled("data pairs").withPanelSize(200, 200), x, null);
 * Figure g = PairPlot.latent(GridOptions.titled("latent pairs"), z, names, new boolean[] {false, false, true});
 * }</pre>
 */
public final class PairPlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "pair plot";

    /** 8 x 8 = 64 panels is the most that stays legible on one screen. */
    public static final int MAX_DIMENSIONS = 8;

    private static final Color HISTOGRAM_FILL = new Color(0x1F, 0x77, 0xB4, 150);
    /** Background of a panel that shows a collapsed dimension. */
    static final Color COLLAPSED_BACKGROUND = new Color(0xEE, 0xEE, 0xEE);

    private PairPlot() {}

    /**
     * Each dimension on its own range.
     *
     * @param data  n x d samples, d from 1 to {@value #MAX_DIMENSIONS}
     * @param names d names, or null for {@code x0, x1, ...}
     */
    public static Figure of(GridOptions options, double[][] data, List<String> names) {
        Check check = new Check(KIND, options.title());
        double[][] m = matrix(check, data);
        int d = m[0].length;
        List<String> labels = check.labels("names", names, d, "dimensions", "x");
        double[][] columns = columns(m);
        Extent[] ranges = new Extent[d];
        for (int j = 0; j < d; j++) {
            ranges[j] = Extent.of(columns[j]).padded();
        }
        return draw(options, columns, labels, ranges, new boolean[d], null);
    }

    /**
     * Latent codes on one scale: every axis is as wide as the widest dimension's (padded) range,
     * centred on its own dimension, so equal distances on screen are equal distances in the code.
     *
     * @param z         n x d codes, d from 1 to {@value #MAX_DIMENSIONS}, usually by descending std
     * @param names     d names, or null for {@code z0, z1, ...}
     * @param collapsed d flags, true for a dimension the analysis calls collapsed; or null for none
     */
    public static Figure latent(GridOptions options, double[][] z, List<String> names, boolean[] collapsed) {
        Check check = new Check(KIND, options.title());
        double[][] m = matrix(check, z);
        int d = m[0].length;
        List<String> labels = check.labels("names", names, d, "dimensions", "z");
        boolean[] flat = collapsed == null ? new boolean[d] : collapsed.clone();
        if (flat.length != d) {
            throw check.fail(flat.length + " collapsed flags for " + d + " dimensions");
        }
        double[][] columns = columns(m);
        Extent[] ranges = Extent.sameWidth(columns);
        List<String> titles = new ArrayList<>(d);
        boolean any = false;
        for (int j = 0; j < d; j++) {
            titles.add(flat[j] ? labels.get(j) + " (collapsed)" : labels.get(j));
            any |= flat[j];
        }
        String note = "all axes span the same width" + (any ? "; grey panels show a collapsed dimension" : "");
        return draw(options, columns, titles, ranges, flat, note);
    }

    private static double[][] matrix(Check check, double[][] data) {
        if (data != null && data.length > 0 && data[0] != null && data[0].length > MAX_DIMENSIONS) {
            throw check.fail("data has " + data[0].length + " dimensions; a pair plot draws at most "
                    + MAX_DIMENSIONS + " (select or project the dimensions first)");
        }
        return check.matrix("data", data, -1);
    }

    private static double[][] columns(double[][] m) {
        double[][] columns = new double[m[0].length][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = ParityPlot.column(m, j);
        }
        return columns;
    }

    private static Figure draw(GridOptions options, double[][] columns, List<String> labels, Extent[] ranges,
                               boolean[] shaded, String note) {
        int d = columns.length;
        int pw = options.panelWidth();
        int ph = options.panelHeight();
        List<Figure.Painter> panels = new ArrayList<>(d * d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                XYChart chart = new XYChart(pw, ph);
                Styles.apply(chart.getStyler(), true);
                chart.getStyler().setLegendVisible(false);
                if (shaded[i] || shaded[j]) {
                    chart.getStyler().setPlotBackgroundColor(COLLAPSED_BACKGROUND);
                }
                chart.getStyler().setXAxisMin(ranges[j].min()).setXAxisMax(ranges[j].max());
                chart.setXAxisTitle(labels.get(j));
                if (i == j) {
                    histogram(chart, columns[j], ranges[j]);
                    chart.setYAxisTitle("count");
                } else {
                    chart.getStyler().setYAxisMin(ranges[i].min()).setYAxisMax(ranges[i].max());
                    chart.setYAxisTitle(labels.get(i));
                    XYSeries s = chart.addSeries("points", columns[j], columns[i]);
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setMarkerColor(Styles.BLUE);
                }
                Styles.finish(chart);
                panels.add(chart::paint);
            }
        }
        return Grid.of(KIND, options, d, panels, note);
    }

    /**
     * Sturges' rule, kept between 5 and 29 bins and made odd: a middle bin is centred on the
     * middle of the range, so a dimension that hardly varies (on a latent pair plot's shared
     * range) fills that one bin instead of straddling an edge and looking split in two.
     */
    static int bins(int n) {
        int sturges = (int) Math.ceil(Math.log(n) / Math.log(2)) + 1;
        return Math.max(5, Math.min(29, sturges)) | 1;
    }

    /**
     * The {@code bins + 1} bin edges of [lo, hi]: the first exactly lo, the last exactly hi, and
     * never decreasing. {@code lo + bins * ((hi - lo) / bins)} can round above hi, and an area
     * whose x values step back is refused by XChart: that cost a run its report.
     */
    static double[] edges(double lo, double hi, int bins) {
        double[] e = new double[bins + 1];
        double span = hi - lo;
        e[0] = lo;
        for (int b = 1; b < bins; b++) {
            e[b] = Math.min(hi, Math.max(e[b - 1], lo + span * b / bins));
        }
        e[bins] = hi;
        return e;
    }

    /** Bin counts of {@code values} over [lo, hi]; the top edge belongs to the last bin. */
    static int[] counts(double[] values, double lo, double hi, int bins) {
        int[] counts = new int[bins];
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return counts;
    }

    /** The histogram outline as one filled area: up, across and down each bin. */
    private static void histogram(XYChart chart, double[] values, Extent range) {
        int bins = bins(values.length);
        int[] counts = counts(values, range.min(), range.max(), bins);
        double[] edges = edges(range.min(), range.max(), bins);
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        int max = 0;
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = edges[b];
            x[2 * b + 2] = edges[b + 1];
            y[2 * b + 1] = counts[b];
            y[2 * b + 2] = counts[b];
            max = Math.max(max, counts[b]);
        }
        x[0] = edges[0];
        x[2 * bins + 1] = edges[bins];
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(max * 1.1);
        XYSeries s = chart.addSeries("histogram", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Styles.BLUE);
        s.setLineStyle(Styles.THIN);
        s.setFillColor(HISTOGRAM_FILL);
    }
}
