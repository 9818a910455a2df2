package dev.lva.viz;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PCA explained variance: one bar per principal component with its share of the total
 * variance, and a line for the running total, on a fixed 0..1 axis so that runs compare.
 *
 * <pre>{@code
 * Figure f = ExplainedVariancePlot.of(PlotOptions.titled("PCA of latents"), pca.explainedVarianceRatio());
 * }</pre>
 */
public final class ExplainedVariancePlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "explained variance";

    /** Ratios computed in floating point may sum a little above 1. */
    private static final double SUM_TOLERANCE = 1e-6;

    private ExplainedVariancePlot() {}

    /**
     * @param ratios explained variance ratio per component, each in [0, 1], together at most 1;
     *               components that were not kept may be left out
     */
    public static Figure of(PlotOptions options, double[] ratios) {
        Check check = new Check(KIND, options.title());
        if (options.logY()) {
            throw check.fail("a log-scale y axis does not apply; the plot shows shares on a 0..1 axis");
        }
        check.noRange(options.xRange(), "x", "the components are categories");
        check.noSameScale(options, "the components are categories");
        double[] r = check.values("ratios", ratios);
        double sum = 0;
        List<String> labels = new ArrayList<>(r.length);
        List<Double> bars = new ArrayList<>(r.length);
        List<Double> cumulative = new ArrayList<>(r.length);
        for (int i = 0; i < r.length; i++) {
            if (r[i] < 0 || r[i] > 1) {
                throw check.fail("ratios[" + i + "] is " + r[i] + "; an explained variance ratio lies in [0, 1]");
            }
            sum += r[i];
            labels.add("PC" + (i + 1));
            bars.add(r[i]);
            cumulative.add(Math.min(sum, 1.0));
        }
        if (sum > 1 + SUM_TOLERANCE) {
            throw check.fail("ratios sum to " + sum + "; shares of one total cannot exceed 1");
        }
        PlotOptions o = options.withLabels(
                options.xLabel().isEmpty() ? "principal component" : options.xLabel(),
                options.yLabel().isEmpty() ? "explained variance ratio" : options.yLabel());
        CategoryChart chart = new CategoryChart(o.width(), o.height());
        chart.setTitle(o.title());
        chart.setXAxisTitle(o.xLabel());
        chart.setYAxisTitle(o.yLabel());
        Styles.apply(chart.getStyler(), false);
        Styles.axes(chart.getStyler(), o);
        if (o.yRange() == null) {
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.05);
        }
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(0.7);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLegendVisible(false);
        if (r.length > 12) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        CategorySeries perComponent = chart.addSeries("per component", labels, bars);
        perComponent.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        perComponent.setFillColor(Styles.BLUE);
        CategorySeries total = chart.addSeries("cumulative", labels, cumulative);
        total.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        total.setLineColor(Styles.ORANGE);
        total.setMarkerColor(Styles.ORANGE);
        total.setMarker(SeriesMarkers.CIRCLE);
        total.setLineStyle(Styles.SOLID);
        return new Figure(KIND, o.title(), o.width(), o.height(), Legend.below(chart, List.of(
                Legend.Entry.marker("per component", Legend.Sample.BOX, Styles.BLUE),
                new Legend.Entry("cumulative", Legend.Sample.LINE_AND_CIRCLE, Styles.ORANGE, Styles.SOLID))));
    }
}
