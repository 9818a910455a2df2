package dev.lva.viz;

import java.awt.geom.Rectangle2D;
import org.knowm.xchart.XYChart;

/**
 * An x-y chart that tells where it drew its plot area, so that what is drawn beside it with
 * Java2D (a colour bar, a legend) lines up with the axes.
 */
final class PlotAreaChart extends XYChart {
    static {
        Headless.ensure();
    }

    PlotAreaChart(int width, int height) {
        super(width, height);
    }

    /** The plot area of the last {@code paint}, in the coordinates it was painted in. */
    Rectangle2D plotArea() {
        return plot.getBounds();
    }
}
