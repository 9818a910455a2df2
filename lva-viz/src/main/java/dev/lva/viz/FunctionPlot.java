package dev.lva.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A 1-D regression at a glance: the true function as a dashed black line, training and test
 * samples as blue and orange dots, the model's prediction as a red line. Each part is optional;
 * its {@link Series#name()} is its legend entry.
 *
 * <pre>{@code
 * Figure f = FunctionPlot.of(PlotOptions.titled("sin fit").withLabels("x", "y"),
 *         Series.of("sin(x)", gridX, trueY),
 *         Series.of("train", trainX, trainY),
 *         Series.of("test", testX, testY),
 *         Series.of("model", gridX, predictedY));
 * }</pre>
 */
public final class FunctionPlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "function plot";

    private FunctionPlot() {}

    /**
     * @param truth      the true function, drawn as a dashed line; may be null
     * @param train      training samples, drawn as dots; may be null
     * @param test       test samples, drawn as dots in a second colour; may be null
     * @param prediction the model's output, drawn as a solid line; may be null
     * @throws ChartException when all four are null, or names repeat, or values are bad
     */
    public static Figure of(PlotOptions options, Series truth, Series train, Series test, Series prediction) {
        Check check = new Check(KIND, options.title());
        check.noSameScale(options, "a function plot draws values against their argument");
        List<Series> given = new ArrayList<>();
        for (Series s : new Series[] {truth, train, test, prediction}) {
            if (s != null) {
                given.add(s);
            }
        }
        if (given.isEmpty()) {
            throw check.fail("nothing to draw: truth, train, test and prediction are all missing");
        }
        check.distinctNames(given);
        XYChart chart = Styles.xyChart(options);
        chart.getStyler().setLegendVisible(false);
        List<Legend.Entry> legend = new ArrayList<>();
        // Drawing order = stacking order: samples above the truth, the prediction on top.
        if (truth != null) {
            double[][] xy = sortedByX(check.series(truth, options.logY()));
            XYSeries s = chart.addSeries(truth.name(), xy[0], xy[1]);
            line(s, Color.BLACK, Styles.DASHED);
            legend.add(Legend.Entry.line(truth.name(), Color.BLACK, Styles.DASHED));
        }
        if (train != null) {
            double[][] xy = check.series(train, options.logY());
            dots(chart.addSeries(train.name(), xy[0], xy[1]), Styles.BLUE);
            legend.add(Legend.Entry.marker(train.name(), Legend.Sample.CIRCLE, Styles.BLUE));
        }
        if (test != null) {
            double[][] xy = check.series(test, options.logY());
            dots(chart.addSeries(test.name(), xy[0], xy[1]), Styles.ORANGE);
            legend.add(Legend.Entry.marker(test.name(), Legend.Sample.CIRCLE, Styles.ORANGE));
        }
        if (prediction != null) {
            double[][] xy = sortedByX(check.series(prediction, options.logY()));
            line(chart.addSeries(prediction.name(), xy[0], xy[1]), Styles.RED, Styles.SOLID);
            legend.add(Legend.Entry.line(prediction.name(), Styles.RED, Styles.SOLID));
        }
        Styles.finish(chart);
        return new Figure(KIND, options.title(), options.width(), options.height(), Legend.below(chart, legend));
    }

    private static void line(XYSeries s, Color color, BasicStroke stroke) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
    }

    private static void dots(XYSeries s, Color color) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    /** A line through unsorted samples would zigzag; callers often pass shuffled grids. */
    static double[][] sortedByX(double[][] xy) {
        Integer[] order = new Integer[xy[0].length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> xy[0][i]));
        double[] x = new double[order.length];
        double[] y = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            x[i] = xy[0][order[i]];
            y[i] = xy[1][order[i]];
        }
        return new double[][] {x, y};
    }
}
