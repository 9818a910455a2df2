package dev.lva.viz;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What XChart drew on a chart's axes, read back after painting it. XChart keeps the tick labels
 * behind package-private getters, so the tests reach them by reflection; the text is what a
 * reader sees, which a PNG cannot tell us (glyphs) and an SVG neither (outlines).
 */
final class Axes {
    private Axes() {}

    /** Paints {@code chart} at {@code w} x {@code h} so that its axes are laid out. */
    static void paint(XYChart chart, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            chart.paint(g, w, h);
        } finally {
            g.dispose();
        }
    }

    static List<String> xLabels(XYChart chart) throws Exception {
        return pair(chart).getXAxis().getAxisTickCalculator().getTickLabels();
    }

    static List<String> yLabels(XYChart chart) throws Exception {
        Method m = AxisPair.class.getDeclaredMethod("getYAxis");
        m.setAccessible(true);
        return ((Axis<?, ?>) m.invoke(pair(chart))).getAxisTickCalculator().getTickLabels();
    }

    private static AxisPair<?, ?> pair(XYChart chart) throws Exception {
        Field f = Chart.class.getDeclaredField("axisPair");
        f.setAccessible(true);
        return (AxisPair<?, ?>) f.get(chart);
    }
}
