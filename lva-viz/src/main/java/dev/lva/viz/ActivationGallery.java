package dev.lva.viz;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A grid of small line plots, one per named function, each titled with its name and with the
 * axes through zero drawn in grey. The caller computes the values, so this works for any family
 * of 1-D functions (activations, schedules, kernels).
 *
 * <pre>{@code
 * List<Series> fns = new ArrayList<>();
 * for (String name : activationNames) fns.add(Series.of(name, xs, apply(name, xs)));
 * Figure f = ActivationGallery.of(GridOptions.titled("activations on [-3, 3]").withColumns(5), fns);
 * }</pre>
 */
public final class ActivationGallery {
    static {
        Headless.ensure();
    }

    static final String KIND = "activation gallery";

    private ActivationGallery() {}

    /** @param functions one or more series with distinct names, drawn in the given order */
    public static Figure of(GridOptions options, List<Series> functions) {
        Check check = new Check(KIND, options.title());
        List<Series> all = check.nonEmpty("functions", functions);
        check.distinctNames(all);
        List<Figure.Painter> panels = new ArrayList<>(all.size());
        for (Series fn : all) {
            double[][] xy = FunctionPlot.sortedByX(check.series(fn, false));
            XYChart chart = new XYChart(options.panelWidth(), options.panelHeight());
            chart.setTitle(fn.name());
            Styles.apply(chart.getStyler(), true);
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setAnnotationLineColor(Styles.LIGHT_EDGE);
            chart.getStyler().setAnnotationLineStroke(Styles.THIN);
            if (ScatterPlot.min(xy[0]) < 0 && ScatterPlot.max(xy[0]) > 0) {
                chart.addAnnotation(new AnnotationLine(0, true, false));
            }
            if (ScatterPlot.min(xy[1]) < 0 && ScatterPlot.max(xy[1]) > 0) {
                chart.addAnnotation(new AnnotationLine(0, false, false));
            }
            XYSeries s = chart.addSeries(fn.name(), xy[0], xy[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineColor(Styles.BLUE);
            s.setMarkerColor(Styles.BLUE);
            s.setLineStyle(Styles.SOLID);
            Styles.finish(chart);
            panels.add(chart::paint);
        }
        return Grid.of(KIND, options, options.columnsFor(all.size()), panels);
    }
}
