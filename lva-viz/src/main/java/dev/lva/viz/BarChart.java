package dev.lva.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * One bar per labelled value on a linear axis that starts at zero; {@link #latentStds} sorts
 * latent standard deviations from largest to smallest. A bar's length is its value only when it
 * rises from zero, so a log-scale axis is refused: there bars would rise from an arbitrary floor.
 * Stds that span decades are drawn as points by {@link StdSpectrum}.
 *
 * <pre>{@code
 * Figure f = BarChart.latentStds(PlotOptions.titled("latent stds"), stds);
 * Figure g = BarChart.of(PlotOptions.titled("final losses"), List.of("recon", "volume"), losses);
 * }</pre>
 */
public final class BarChart {
    static {
        Headless.ensure();
    }

    static final String KIND = "bar chart";

    /** Beyond this many bars the category labels are turned vertical so they do not overlap. */
    private static final int UPRIGHT_LABELS = 12;

    private BarChart() {}

    /**
     * Bars in the given order.
     *
     * @param labels distinct category names, one per value
     * @param values finite
     * @throws ChartException for a log-scale y axis, on which bars have no baseline
     */
    public static Figure of(PlotOptions options, List<String> labels, double[] values) {
        Check check = new Check(KIND, options.title());
        if (options.logY()) {
            throw check.fail("bars on a log-scale axis would rise from an arbitrary floor; use a linear axis,"
                    + " or points (StdSpectrum for latent stds)");
        }
        double[] v = check.values("values", values);
        List<String> names = check.labels("labels", labels, v.length, "values", "");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                throw check.fail("labels[" + i + "] '" + names.get(i) + "' appears twice");
            }
        }
        check.noRange(options.xRange(), "x", "the bars are categories");
        check.noSameScale(options, "the bars are categories");
        CategoryChart chart = new CategoryChart(options.width(), options.height());
        chart.setTitle(options.title());
        chart.setXAxisTitle(options.xLabel());
        chart.setYAxisTitle(options.yLabel());
        Styles.apply(chart.getStyler(), false);
        Styles.axes(chart.getStyler(), options);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAvailableSpaceFill(0.75);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        if (names.size() > UPRIGHT_LABELS) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        List<Double> boxed = new ArrayList<>(v.length);
        for (double d : v) {
            boxed.add(d);
        }
        CategorySeries bars = chart.addSeries("values", names, boxed);
        bars.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        bars.setFillColor(Styles.BLUE);
        return new Figure(KIND, options.title(), options.width(), options.height(), chart::paint);
    }

    /**
     * Latent standard deviations sorted descending, labelled with their original index
     * ({@code z3} is the fourth latent coordinate). Equal values keep index order.
     */
    public static Figure latentStds(PlotOptions options, double[] stds) {
        Check check = new Check(KIND, options.title());
        double[] v = check.values("stds", stds);
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw check.fail("stds[" + i + "] is " + v[i] + "; a standard deviation cannot be negative");
            }
        }
        int[] order = descendingOrder(v);
        List<String> labels = new ArrayList<>(v.length);
        double[] sorted = new double[v.length];
        for (int i = 0; i < order.length; i++) {
            labels.add("z" + order[i]);
            sorted[i] = v[order[i]];
        }
        PlotOptions labelled = options.withLabels(
                options.xLabel().isEmpty() ? "latent dimension" : options.xLabel(),
                options.yLabel().isEmpty() ? "standard deviation" : options.yLabel());
        return of(labelled, labels, sorted);
    }

    /** Indices of {@code v} from largest to smallest value, ties by ascending index. */
    static int[] descendingOrder(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> v[i]).reversed().thenComparingInt(i -> i));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
