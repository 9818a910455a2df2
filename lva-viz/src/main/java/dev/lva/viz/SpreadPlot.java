package dev.lva.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A quantity against a parameter for several groups, each parameter value measured several times:
 * the latent dimensions a penalty keeps against its weight lambda, one point per seed. Every
 * measurement is drawn as a point, and a line joins each group's medians (named in the legend), so
 * the spread over seeds shows around the typical value. Seeds that land on the same spot are one
 * marker with a count beside it ({@code ×3}); counts on the y axis get whole-number ticks. Groups
 * at one x would hide each other's points, so each group is shifted sideways by a small fixed
 * amount (a "dodge"; 4% of a decade on a log x axis, 1.5% of the x range on a linear one), the
 * same for its points and its line.
 *
 * <pre>{@code
 * Figure f = SpreadPlot.of(PlotOptions.titled("dimensions kept").withLabels("lambda", "dimensions"), true,
 *         List.of(Series.of("volume", lambdas, dims), Series.of("lasso", lambdas2, dims2)));
 * }</pre>
 */
public final class SpreadPlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "spread plot";
    /** Sideways shift between neighbouring groups: a fraction of a decade (log x) or of the x range. */
    static final double DODGE_LOG = 0.04;
    static final double DODGE_LINEAR = 0.015;

    private SpreadPlot() {}

    /**
     * @param options its x range, when given, is widened to hold every point (a sweep passes all its
     *                lambdas, so that one whose runs have no point still has its place on the axis)
     * @param logX   a logarithmic x axis (every x must be positive)
     * @param groups one series per group, x repeated once per measurement; distinct names
     */
    public static Figure of(PlotOptions options, boolean logX, List<Series> groups) {
        return chart(options, logX, groups, List.of()).figure(KIND, options);
    }

    /**
     * A second quantity for each group drawn in its group's colour, as diamonds and a dashed median
     * line (a study's mean R^2 of the true parameters and its worst parameter's): the reader pairs the
     * two lines of a penalty by colour, which separate colours for the second lines made impossible.
     *
     * @param companions one series per group, in the groups' order
     */
    public static Figure of(PlotOptions options, boolean logX, List<Series> groups, List<Series> companions) {
        if (companions.size() != groups.size()) {
            throw new IllegalArgumentException("spread plot '" + options.title() + "': " + companions.size()
                    + " companion series for " + groups.size() + " groups; give one per group");
        }
        return chart(options, logX, groups, companions).figure(KIND, options);
    }

    static Sweep chart(PlotOptions options, boolean logX, List<Series> groups) {
        return chart(options, logX, groups, List.of());
    }

    static Sweep chart(PlotOptions options, boolean logX, List<Series> groups, List<Series> companions) {
        Check check = new Check(KIND, options.title());
        List<Series> all = new ArrayList<>(check.nonEmpty("groups", groups));
        int primaries = all.size();
        all.addAll(companions);
        check.distinctNames(all);
        List<double[][]> data = new ArrayList<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (Series s : all) {
            double[][] xy = check.series(s, options.logY());
            if (logX) {
                for (int i = 0; i < xy[0].length; i++) {
                    if (!(xy[0][i] > 0)) {
                        throw check.fail("series '" + s.name() + "' x[" + i + "] is " + xy[0][i]
                                + ", but a log-scale x axis needs values > 0");
                    }
                }
            }
            xMin = Math.min(xMin, ScatterPlot.min(xy[0]));
            xMax = Math.max(xMax, ScatterPlot.max(xy[0]));
            data.add(xy);
        }
        PlotAreaChart chart = Styles.xyChart(options);
        chart.getStyler().setXAxisLogarithmic(logX);
        if (options.xRange() != null) {
            xMin = Math.min(xMin, options.xRange().min());
            xMax = Math.max(xMax, options.xRange().max());
        }
        if (logX) {
            // whole decades around the points: a log axis narrower than a decade (one lambda left) got
            // XChart's ticks "1E-3, 0.001, 0.001", and points on its edge were half drawn
            double[] decades = decades(xMin, xMax);
            chart.getStyler().setXAxisMin(decades[0]).setXAxisMax(decades[1]);
        } else if (options.xRange() != null) {
            chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax);
        }
        // always: the legend names the line as well as the points
        chart.getStyler().setLegendVisible(true);
        List<Repeats.Group> repeats = new ArrayList<>();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        boolean counts = true;
        for (int g = 0; g < all.size(); g++) {
            // a companion sits at its group's x, shifted as its group is
            int group = g % primaries;
            double shift = (group - (primaries - 1) / 2.0);
            double[] x = dodge(data.get(g)[0], shift, logX, xMax - xMin);
            double[] y = data.get(g)[1];
            Color color = Styles.PALETTE[group % Styles.PALETTE.length];
            boolean companion = g >= primaries;
            Styles.pointsWithGuide(chart, all.get(g).name(), x, y, medians(x, y), "median", color,
                    all.stream().map(Series::name).toList(),
                    companion ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE, companion ? Styles.DASHED : Styles.SOLID);
            repeats.add(new Repeats.Group(Repeats.of(x, y), color));
            yMin = Math.min(yMin, ScatterPlot.min(y));
            yMax = Math.max(yMax, ScatterPlot.max(y));
            counts &= Styles.wholeNumbers(y);
        }
        if (counts && !options.logY()) {
            double[] range = options.yRange() == null ? Styles.countRange(yMin, yMax)
                    : new double[] {options.yRange().min(), options.yRange().max()};
            chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
            if (range[1] - range[0] >= 2) {
                Styles.integerTicks(chart, false, range[1] - range[0], options.height());
            }
        }
        Styles.roundTicks(chart);
        return new Sweep(chart, repeats);
    }

    /** A sweep chart and the count labels of its repeated points, painted together. */
    record Sweep(PlotAreaChart chart, List<Repeats.Group> repeats) {
        void paint(Graphics2D g, int w, int h) {
            chart.paint(g, w, h);
            Repeats.paint(g, chart, repeats);
        }

        Figure figure(String kind, PlotOptions options) {
            return new Figure(kind, options.title(), options.width(), options.height(), this::paint);
        }
    }

    /** The whole decades that hold [min, max] with a quarter decade to spare on each side. */
    static double[] decades(double min, double max) {
        return new double[] {Math.pow(10, Math.floor(Math.log10(min) - 0.25)),
                Math.pow(10, Math.ceil(Math.log10(max) + 0.25))};
    }

    static double[] dodge(double[] x, double shift, boolean logX, double range) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = logX ? out[i] * Math.pow(10, shift * DODGE_LOG)
                    : out[i] + shift * DODGE_LINEAR * (range > 0 ? range : 1);
        }
        return out;
    }

    /** The median y at each distinct x, by increasing x. */
    static double[][] medians(double[] x, double[] y) {
        TreeMap<Double, List<Double>> byX = new TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            byX.computeIfAbsent(x[i], k -> new ArrayList<>()).add(y[i]);
        }
        double[][] out = new double[2][byX.size()];
        int k = 0;
        for (var e : byX.entrySet()) {
            List<Double> ys = new ArrayList<>(e.getValue());
            ys.sort(Double::compare);
            int n = ys.size();
            out[0][k] = e.getKey();
            out[1][k] = n % 2 == 1 ? ys.get(n / 2) : (ys.get(n / 2 - 1) + ys.get(n / 2)) / 2;
            k++;
        }
        return out;
    }
}
