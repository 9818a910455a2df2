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
 * <pre>{@code
 * Figure f = PairPlot.of(GridOptions.titled("latent pairs").withPanelSize(200, 200), z, null);
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

    private PairPlot() {}

    /**
     * @param data  n x d samples, d from 1 to {@value #MAX_DIMENSIONS}
     * @param names d names, or null for {@code x0, x1, ...}
     */
    public static Figure of(GridOptions options, double[][] data, List<String> names) {
        Check check = new Check(KIND, options.title());
        if (data != null && data.length > 0 && data[0] != null && data[0].length > MAX_DIMENSIONS) {
            throw check.fail("data has " + data[0].length + " dimensions; a pair plot draws at most "
                    + MAX_DIMENSIONS + " (select or project the dimensions first)");
        }
        double[][] m = check.matrix("data", data, -1);
        int d = m[0].length;
        List<String> labels = check.labels("names", names, d, "dimensions", "x");
        double[][] columns = new double[d][];
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int j = 0; j < d; j++) {
            columns[j] = ParityPlot.column(m, j);
            double min = ScatterPlot.min(columns[j]);
            double max = ScatterPlot.max(columns[j]);
            double pad = max > min ? 0.05 * (max - min) : 0.5;
            lo[j] = min - pad;
            hi[j] = max + pad;
        }
        int pw = options.panelWidth();
        int ph = options.panelHeight();
        List<Figure.Painter> panels = new ArrayList<>(d * d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                XYChart chart = new XYChart(pw, ph);
                Styles.apply(chart.getStyler(), true);
                chart.getStyler().setLegendVisible(false);
                chart.getStyler().setXAxisMin(lo[j]).setXAxisMax(hi[j]);
                chart.setXAxisTitle(labels.get(j));
                if (i == j) {
                    histogram(chart, columns[j], lo[j], hi[j]);
                    chart.setYAxisTitle("count");
                } else {
                    chart.getStyler().setYAxisMin(lo[i]).setYAxisMax(hi[i]);
                    chart.setYAxisTitle(labels.get(i));
                    XYSeries s = chart.addSeries("points", columns[j], columns[i]);
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setMarkerColor(Styles.BLUE);
                }
                Styles.roundTicks(chart);
            panels.add(chart::paint);
            }
        }
        return Grid.of(KIND, options, d, panels);
    }

    /** Sturges' rule, kept between 5 and 30 bins. */
    static int bins(int n) {
        int sturges = (int) Math.ceil(Math.log(n) / Math.log(2)) + 1;
        return Math.max(5, Math.min(30, sturges));
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
    private static void histogram(XYChart chart, double[] values, double lo, double hi) {
        int bins = bins(values.length);
        int[] counts = counts(values, lo, hi, bins);
        double width = (hi - lo) / bins;
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        int max = 0;
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = lo + b * width;
            x[2 * b + 2] = lo + (b + 1) * width;
            y[2 * b + 1] = counts[b];
            y[2 * b + 2] = counts[b];
            max = Math.max(max, counts[b]);
        }
        x[0] = lo;
        x[2 * bins + 1] = hi;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(max * 1.1);
        XYSeries s = chart.addSeries("histogram", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Styles.BLUE);
        s.setLineStyle(Styles.THIN);
        s.setFillColor(HISTOGRAM_FILL);
    }
}
