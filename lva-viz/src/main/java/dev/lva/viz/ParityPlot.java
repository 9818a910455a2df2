package dev.lva.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Ground truth against reconstruction, one small panel per feature, with the line y = x that a
 * perfect reconstruction would lie on and R-squared in each panel title. Both axes of a panel
 * share one range and panels are square (the smaller of the panel width and height), so that
 * distance from the diagonal reads the same in both directions.
 *
 * <pre>{@code
 * Figure f = ParityPlot.of(GridOptions.titled("reconstruction"), x, xHat, List.of("x", "y", "z"));
 * }</pre>
 */
public final class ParityPlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "parity plot";

    private ParityPlot() {}

    /**
     * @param truth          n x d ground truth, one column per feature
     * @param reconstruction n x d model output in the same order
     * @param featureNames   d names, or null for {@code x0, x1, ...}
     */
    public static Figure of(GridOptions options, double[][] truth, double[][] reconstruction, List<String> featureNames) {
        return of(options, truth, reconstruction, featureNames, null);
    }

    /**
     * As {@link #of(GridOptions, double[][], double[][], List)}, with the unit both axes are in
     * named under the title ({@code values in the units of data.csv}), so that nobody reads
     * standardised values as the data's own.
     *
     * @param unit what the values are measured in, or null to say nothing
     */
    public static Figure of(GridOptions options, double[][] truth, double[][] reconstruction, List<String> featureNames,
                            String unit) {
        Check check = new Check(KIND, options.title());
        double[][] t = check.matrix("truth", truth, -1);
        int d = t[0].length;
        double[][] r = check.matrix("reconstruction", reconstruction, d);
        if (r.length != t.length) {
            throw check.fail("truth has " + t.length + " rows but reconstruction has " + r.length);
        }
        List<String> names = check.labels("feature names", featureNames, d, "features", "x");
        int side = Math.min(options.panelWidth(), options.panelHeight());
        GridOptions square = options.withPanelSize(side, side);

        List<Figure.Painter> panels = new ArrayList<>(d);
        for (int f = 0; f < d; f++) {
            double[] x = column(t, f);
            double[] y = column(r, f);
            panels.add(panel(names.get(f), x, y, side)::paint);
        }
        String note = unit == null || unit.isBlank() ? null : "values in " + unit;
        return Grid.of(KIND, square, square.columnsFor(d), panels, note);
    }

    private static XYChart panel(String name, double[] x, double[] y, int side) {
        double lo = Math.min(ScatterPlot.min(x), ScatterPlot.min(y));
        double hi = Math.max(ScatterPlot.max(x), ScatterPlot.max(y));
        double pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
        XYChart chart = new XYChart(side, side);
        chart.setTitle(name + "   " + rSquaredLabel(x, y));
        chart.setXAxisTitle("truth");
        chart.setYAxisTitle("reconstruction");
        Styles.apply(chart.getStyler(), true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(lo - pad).setXAxisMax(hi + pad).setYAxisMin(lo - pad).setYAxisMax(hi + pad);
        XYSeries diagonal = chart.addSeries("y = x", new double[] {lo - pad, hi + pad}, new double[] {lo - pad, hi + pad});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Styles.REFERENCE);
        diagonal.setLineStyle(Styles.DASHED);
        XYSeries points = chart.addSeries("points", x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Styles.BLUE);
        Styles.finish(chart);
        return chart;
    }

    /** Coefficient of determination of {@code y} as a prediction of {@code x}. */
    static double rSquared(double[] x, double[] y) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double total = 0;
        double residual = 0;
        for (int i = 0; i < x.length; i++) {
            total += (x[i] - mean) * (x[i] - mean);
            residual += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return total > 0 ? 1 - residual / total : Double.NaN;
    }

    private static String rSquaredLabel(double[] x, double[] y) {
        double r2 = rSquared(x, y);
        // A constant feature has no variance to explain.
        return Double.isNaN(r2) ? "R\u00b2 n/a" : String.format(Locale.ROOT, "R\u00b2 = %.3f", r2);
    }

    static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }
}
