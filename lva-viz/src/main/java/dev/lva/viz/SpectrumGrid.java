package dev.lva.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small multiples of latent std spectra: one panel per run, its standard deviations sorted from
 * largest to smallest on a log axis, with a dashed line at a fraction of the largest (the threshold
 * the LV paper counts dimensions by). Every panel has the same axes, so runs compare at a glance.
 * A std of exactly zero has no place on a log axis: it is drawn at the bottom of the shared range
 * (a tenth of the smallest positive std), and the panel title says how many were.
 *
 * <pre>{@code
 * Figure f = SpectrumGrid.of(GridOptions.titled("std spectra").withPanelSize(220, 180),
 *         List.of("volume seed 0", "lasso seed 0"), List.of(stds0, stds1), 0.01);
 * }</pre>
 */
public final class SpectrumGrid {
    static {
        Headless.ensure();
    }

    static final String KIND = "spectrum grid";

    private SpectrumGrid() {}

    /**
     * @param names    a title per panel
     * @param spectra  each run's stds, any order (sorted here); finite and not negative
     * @param relative the threshold as a fraction of each run's largest std, in (0, 1)
     */
    public static Figure of(GridOptions options, List<String> names, List<double[]> spectra, double relative) {
        Check check = new Check(KIND, options.title());
        List<double[]> all = check.nonEmpty("spectra", spectra);
        List<String> titles = check.labels("names", names, all.size(), "spectra", "run ");
        if (!(relative > 0 && relative < 1)) {
            throw check.fail("relative threshold " + relative + " must be between 0 and 1");
        }
        List<double[]> sorted = new ArrayList<>();
        double positiveMin = Double.POSITIVE_INFINITY;
        double max = 0;
        int longest = 0;
        for (int r = 0; r < all.size(); r++) {
            double[] v = check.values("spectra[" + r + "]", all.get(r));
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0) {
                    throw check.fail("spectra[" + r + "][" + i + "] is " + v[i] + "; a standard deviation cannot be negative");
                }
                if (v[i] > 0) {
                    positiveMin = Math.min(positiveMin, v[i]);
                }
                max = Math.max(max, v[i]);
            }
            double[] s = v.clone();
            java.util.Arrays.sort(s);
            for (int i = 0; i < s.length / 2; i++) {
                double t = s[i];
                s[i] = s[s.length - 1 - i];
                s[s.length - 1 - i] = t;
            }
            sorted.add(s);
            longest = Math.max(longest, s.length);
        }
        if (!(max > 0)) {
            throw check.fail("every std is 0: there is no spectrum to draw");
        }
        double floor = Math.min(positiveMin, relative * max) / 10;
        double top = max * 2;
        int width = longest;
        List<Figure.Painter> panels = new ArrayList<>();
        for (int r = 0; r < sorted.size(); r++) {
            panels.add(panel(titles.get(r), sorted.get(r), relative, floor, top, width, options)::paint);
        }
        return Grid.of(KIND, options, options.columnsFor(panels.size()), panels);
    }

    private static XYChart panel(String title, double[] s, double relative, double floor, double top, int width,
                                 GridOptions options) {
        int zeros = 0;
        double[] x = new double[s.length];
        double[] y = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = i + 1;
            y[i] = s[i] > 0 ? s[i] : floor;
            zeros += s[i] > 0 ? 0 : 1;
        }
        XYChart chart = new XYChart(options.panelWidth(), options.panelHeight());
        chart.setTitle(zeros == 0 ? title : String.format(Locale.ROOT, "%s (%d at 0)", title, zeros));
        chart.setXAxisTitle("rank");
        chart.setYAxisTitle("std");
        Styles.apply(chart.getStyler(), true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(floor).setYAxisMax(top);
        chart.getStyler().setXAxisMin(0.5).setXAxisMax(width + 0.5);
        double threshold = relative * s[0];
        if (threshold > 0) {
            XYSeries cut = chart.addSeries("threshold", new double[] {0.5, width + 0.5}, new double[] {threshold, threshold});
            cut.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            cut.setMarker(SeriesMarkers.NONE);
            cut.setLineColor(Styles.REFERENCE);
            cut.setLineStyle(Styles.DASHED);
        }
        XYSeries stds = chart.addSeries("stds", x, y);
        stds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        stds.setMarker(SeriesMarkers.CIRCLE);
        stds.setMarkerColor(Styles.BLUE);
        stds.setLineColor(Styles.BLUE);
        stds.setLineStyle(Styles.THIN);
        return chart;
    }
}
