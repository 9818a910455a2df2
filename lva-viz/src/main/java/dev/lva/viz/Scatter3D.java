package dev.lva.viz;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * 3-D points seen from a chosen direction, the original data and its reconstruction overlaid.
 * Each coordinate is scaled into [-1, 1] over both point sets together (as matplotlib fits its
 * 3-D box), then projected orthographically with {@link View3D}. The edges of that box are
 * drawn in grey; the three edges from the (min, min, min) corner carry the axis names and tick
 * marks with values in the data's units. Both screen axes span the same interval, so the box is
 * drawn undistorted when the plot area is square: give the figure a square size.
 *
 * <pre>{@code
 * Figure f = Scatter3D.of(PlotOptions.titled("swiss roll").withSize(600, 600),
 *         new View3D(20, -70), points, reconstructed);   // both n x 3
 * }</pre>
 */
public final class Scatter3D {
    static {
        Headless.ensure();
    }

    static final String KIND = "3-D scatter";

    /** Half-width of the screen area: the unit box's longest projected half-diagonal is sqrt(3). */
    private static final double EXTENT = 1.9;

    private Scatter3D() {}

    /** As {@link #of(PlotOptions, View3D, List, double[][], double[][])} with axes x, y, z. */
    public static Figure of(PlotOptions options, View3D view, double[][] original, double[][] reconstruction) {
        return of(options, view, List.of("x", "y", "z"), original, reconstruction);
    }

    /**
     * @param axisNames      three names for the box edges
     * @param original       n x 3 points
     * @param reconstruction m x 3 points, or null to draw only the original
     * @throws ChartException for a log-scale option (a projection has no y axis to log), rows
     *                        without exactly 3 coordinates, or non-finite values
     */
    public static Figure of(PlotOptions options, View3D view, List<String> axisNames,
                            double[][] original, double[][] reconstruction) {
        Check check = new Check(KIND, options.title());
        if (options.logY()) {
            throw check.fail("a log-scale y axis does not apply to a projected 3-D view");
        }
        check.noRange(options.xRange(), "x", "the screen axes of a projection have no data units");
        check.noSameScale(options, "a 3-D view scales every axis into one box");
        check.noRange(options.yRange(), "y", "the screen axes of a projection have no data units");
        if (view == null) {
            throw check.fail("view is missing");
        }
        List<String> names = check.labels("axis names", axisNames, 3, "axes", "");
        double[][] a = check.matrix("original", original, 3);
        double[][] b = reconstruction == null ? new double[0][] : check.matrix("reconstruction", reconstruction, 3);

        double[] center = new double[3];
        double[] half = new double[3];
        for (int d = 0; d < 3; d++) {
            Extent e = Extent.of(ParityPlot.column(a, d), ParityPlot.column(b, d));
            if (!(e.span() > 0)) {
                // one value on this axis: the box spans the single-value padding around it
                e = e.padded();
            }
            center[d] = e.mid();
            half[d] = e.span() / 2;
        }

        XYChart chart = new XYChart(options.width(), options.height());
        chart.setTitle(options.title());
        Styles.apply(chart.getStyler(), false);
        chart.getStyler().setXAxisMin(-EXTENT).setXAxisMax(EXTENT).setYAxisMin(-EXTENT).setYAxisMax(EXTENT);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setAxisTitlesVisible(false);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAnnotationTextFont(Styles.TICK);

        drawBox(chart, view, names);
        for (int axis = 0; axis < 3; axis++) {
            drawTicks(chart, view, axis, center[axis], half[axis]);
        }
        addPoints(chart, "original", project(a, center, half, view), Styles.BLUE, SeriesMarkers.CIRCLE);
        if (b.length == 0) {
            return new Figure(KIND, options.title(), options.width(), options.height(), chart::paint);
        }
        addPoints(chart, "reconstruction", project(b, center, half, view), Styles.ORANGE, SeriesMarkers.DIAMOND);
        return new Figure(KIND, options.title(), options.width(), options.height(), Legend.below(chart, List.of(
                Legend.Entry.marker("original", Legend.Sample.CIRCLE, Styles.BLUE),
                Legend.Entry.marker("reconstruction", Legend.Sample.DIAMOND, Styles.ORANGE))));
    }

    private static double[][] project(double[][] pts, double[] center, double[] half, View3D view) {
        double[] u = new double[pts.length];
        double[] v = new double[pts.length];
        for (int i = 0; i < pts.length; i++) {
            double[] s = view.project(
                    (pts[i][0] - center[0]) / half[0], (pts[i][1] - center[1]) / half[1], (pts[i][2] - center[2]) / half[2]);
            u[i] = s[0];
            v[i] = s[1];
        }
        return new double[][] {u, v};
    }

    private static void addPoints(XYChart chart, String name, double[][] uv, Color color,
                                  Marker marker) {
        XYSeries s = chart.addSeries(name, uv[0], uv[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    /** The twelve edges of [-1, 1]^3; the three from (-1, -1, -1) are darker and named. */
    private static void drawBox(XYChart chart, View3D view, List<String> names) {
        int edge = 0;
        for (int corner = 0; corner < 8; corner++) {
            for (int axis = 0; axis < 3; axis++) {
                if ((corner & (1 << axis)) != 0) {
                    continue;
                }
                int other = corner | (1 << axis);
                double[] p = view.project(coord(corner, 0), coord(corner, 1), coord(corner, 2));
                double[] q = view.project(coord(other, 0), coord(other, 1), coord(other, 2));
                XYSeries s = chart.addSeries("edge " + edge++, new double[] {p[0], q[0]}, new double[] {p[1], q[1]});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
                boolean named = corner == 0;
                s.setLineColor(named ? Styles.REFERENCE : Styles.LIGHT_EDGE);
                s.setLineStyle(named ? Styles.SOLID : Styles.THIN);
                if (named) {
                    // Beyond the far end of the edge, so the name does not sit on the line.
                    double[] tip = view.project(
                            axis == 0 ? 1.25 : -1.08, axis == 1 ? 1.25 : -1.08, axis == 2 ? 1.25 : -1.08);
                    chart.addAnnotation(new AnnotationText(names.get(axis), tip[0], tip[1], false));
                }
            }
        }
    }

    /**
     * Round values along the named edge of {@code axis} (the other two coordinates at -1): a short
     * mark pointing out of the box and the value beyond it, in the data's units. The x and y
     * edges lie on the floor of the box and their marks point away from it along the floor, as
     * matplotlib's do; the z edge's marks point along whichever floor axis leads further from
     * the middle of the picture.
     */
    private static void drawTicks(XYChart chart, View3D view, int axis, double center, double half) {
        int out = axis == 0 ? 1 : axis == 1 ? 0 : outwardFloorAxis(view);
        double[] ticks = Ticks.nice(center - half, center + half, 4);
        for (int k = 0; k < ticks.length; k++) {
            double t = (ticks[k] - center) / half;
            // The three edges meet at the (min, min, min) corner: only the x edge labels a value there.
            if (t < -1 - 1e-9 || t > 1 + 1e-9 || (axis > 0 && t < -0.8)) {
                continue;
            }
            double[] on = view.project(edgePoint(axis, t, out, -1));
            double[] mark = view.project(edgePoint(axis, t, out, -1.07));
            double[] label = view.project(edgePoint(axis, t, out, -1.25));
            XYSeries s = chart.addSeries("tick " + axis + "." + k, new double[] {on[0], mark[0]}, new double[] {on[1], mark[1]});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(false);
            s.setLineColor(Styles.REFERENCE);
            s.setLineStyle(Styles.THIN);
            chart.addAnnotation(new AnnotationText(Ticks.format(ticks[k]), label[0], label[1], false));
        }
    }

    /** For the z edge: 0 (x) or 1 (y), the floor axis along which a step out of the box moves further from the centre. */
    private static int outwardFloorAxis(View3D view) {
        double[] alongX = view.project(-1.25, -1, 0);
        double[] alongY = view.project(-1, -1.25, 0);
        return Math.hypot(alongX[0], alongX[1]) >= Math.hypot(alongY[0], alongY[1]) ? 0 : 1;
    }

    /** The point at {@code t} along {@code axis}, coordinate {@code out} at {@code outAt}, the third at -1. */
    private static double[] edgePoint(int axis, double t, int out, double outAt) {
        double[] p = {-1, -1, -1};
        p[axis] = t;
        p[out] = outAt;
        return p;
    }

    private static double coord(int corner, int axis) {
        return (corner & (1 << axis)) != 0 ? 1 : -1;
    }
}
