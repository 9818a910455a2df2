package dev.lva.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Two costs that trade off, such as latent dimensions kept (x) against reconstruction error (y),
 * for several groups: every run is a point, and a step line joins each group's front, the runs that
 * no other run of the group beats on both counts (fewer or as many dimensions and a lower or equal
 * error, one strictly). The lower left is better. Groups are shifted sideways a little, as in
 * {@link SpreadPlot}, since x is often a whole number that several runs share; runs on the same
 * spot get a count ({@code ×3}), the front is named in the legend, and whole-number x values get
 * whole-number ticks.
 *
 * <pre>{@code
 * Figure f = TradeOffPlot.of(PlotOptions.titled("trade-off").withLabels("dimensions", "MSE").withLogY(true),
 *         List.of(Series.of("volume", dims, mse), Series.of("lasso", dims2, mse2)));
 * }</pre>
 */
public final class TradeOffPlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "trade-off plot";
    /** Sideways shift between neighbouring groups, in x units (x is usually a count). */
    static final double DODGE = 0.08;

    private TradeOffPlot() {}

    /** @param groups one series per group: x and y of each run; distinct names */
    public static Figure of(PlotOptions options, List<Series> groups) {
        return chart(options, groups).figure(KIND, options);
    }

    static SpreadPlot.Sweep chart(PlotOptions options, List<Series> groups) {
        Check check = new Check(KIND, options.title());
        List<Series> all = check.nonEmpty("groups", groups);
        check.distinctNames(all);
        List<double[][]> data = new ArrayList<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (Series s : all) {
            double[][] xy = check.series(s, options.logY());
            xMin = Math.min(xMin, ScatterPlot.min(xy[0]));
            xMax = Math.max(xMax, ScatterPlot.max(xy[0]));
            data.add(xy);
        }
        PlotAreaChart chart = Styles.xyChart(options);
        // always: the legend names the line as well as the points
        chart.getStyler().setLegendVisible(true);
        // half a unit of room on each side, so the dodged groups and a single count stay inside the frame
        double[] range = options.xRange() == null ? Styles.countRange(Math.floor(xMin), Math.ceil(xMax))
                : new double[] {options.xRange().min(), options.xRange().max()};
        chart.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]);
        List<Repeats.Group> repeats = new ArrayList<>();
        boolean counts = true;
        for (int g = 0; g < all.size(); g++) {
            double[][] xy = data.get(g);
            counts &= Styles.wholeNumbers(xy[0]);
            double shift = (g - (all.size() - 1) / 2.0) * DODGE;
            double[] x = xy[0].clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += shift;
            }
            Color color = Styles.PALETTE[g % Styles.PALETTE.length];
            Styles.pointsWithGuide(chart, all.get(g).name(), x, xy[1], steps(front(x, xy[1])), "front", color,
                    all.stream().map(Series::name).toList());
            repeats.add(new Repeats.Group(Repeats.of(x, xy[1]), color));
        }
        if (counts && range[1] - range[0] >= 2) {
            Styles.integerTicks(chart, true, range[1] - range[0], options.width());
        }
        Styles.roundTicks(chart);
        return new SpreadPlot.Sweep(chart, repeats);
    }

    /** The points no other point beats on both x and y (both lower is better), by increasing x. */
    static double[][] front(double[] x, double[] y) {
        Integer[] order = new Integer[x.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> x[i]).thenComparingDouble(i -> y[i]));
        List<double[]> kept = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i : order) {
            if (y[i] < best) {
                kept.add(new double[] {x[i], y[i]});
                best = y[i];
            }
        }
        double[][] out = new double[2][kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            out[0][k] = kept.get(k)[0];
            out[1][k] = kept.get(k)[1];
        }
        return out;
    }

    /** A staircase through the front's points: the error a count buys holds until the next count improves it. */
    static double[][] steps(double[][] front) {
        int n = front[0].length;
        if (n < 2) {
            return front;
        }
        double[][] out = new double[2][2 * n - 1];
        for (int k = 0; k < n; k++) {
            out[0][2 * k] = front[0][k];
            out[1][2 * k] = front[1][k];
            if (k + 1 < n) {
                out[0][2 * k + 1] = front[0][k + 1];
                out[1][2 * k + 1] = front[1][k];
            }
        }
        return out;
    }
}
