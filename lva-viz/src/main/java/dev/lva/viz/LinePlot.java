package dev.lva.viz;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Loss curves and other named series against a step or epoch axis, optionally on a log y axis.
 *
 * <pre>{@code
 * Figure f = LinePlot.of(
 *         PlotOptions.titled("training loss").withLabels("epoch", "loss").withLogY(true),
 *         List.of(Series.of("reconstruction", recon), Series.of("volume", volume)));
 * f.save(out.resolve("loss.png"));
 * }</pre>
 */
public final class LinePlot {
    static {
        Headless.ensure();
    }

    static final String KIND = "line plot";

    private LinePlot() {}

    /**
     * @param series one or more curves with distinct names; with {@code logY} every y must be
     *               positive (a loss of exactly 0 cannot be drawn on a log axis)
     */
    public static Figure of(PlotOptions options, List<Series> series) {
        Check check = new Check(KIND, options.title());
        check.noSameScale(options, "a line plot draws values against a step or another unit");
        List<Series> all = check.nonEmpty("series", series);
        check.distinctNames(all);
        XYChart chart = Styles.xyChart(options);
        chart.getStyler().setLegendVisible(all.size() > 1);
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            double[][] xy = check.series(s, options.logY());
            XYSeries line = chart.addSeries(s.name(), xy[0], xy[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineStyle(Styles.SOLID);
            line.setLineColor(Styles.PALETTE[i % Styles.PALETTE.length]);
            line.setMarkerColor(Styles.PALETTE[i % Styles.PALETTE.length]);
            // A one-point curve has no line to show; the marker keeps it visible.
            line.setMarker(xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        Styles.finish(chart);
        return new Figure(KIND, options.title(), options.width(), options.height(), chart::paint);
    }
}
