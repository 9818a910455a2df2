package dev.lva.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A legend of our own, in one row under the plot. XChart's horizontal legend leaves the same
 * space after a label as before it, so a marker looks as if it belonged to the label on its
 * left; here each sample sits right before its own label and entries are set well apart.
 */
final class Legend {
    static {
        Headless.ensure();
    }

    /** Height of the band under the chart that holds the legend. */
    static final int BAND = 30;

    private static final double SAMPLE = 22;
    static final double SAMPLE_GAP = 6;
    private static final double ENTRY_GAP = 22;

    /** How an entry's sample is drawn. */
    enum Sample { LINE, CIRCLE, DIAMOND, TRIANGLE_DOWN, BOX, LINE_AND_CIRCLE }

    /** One entry: the sample in {@code color} (a line in {@code stroke}), then the label. */
    record Entry(String label, Sample sample, Color color, BasicStroke stroke) {
        static Entry line(String label, Color color, BasicStroke stroke) {
            return new Entry(label, Sample.LINE, color, stroke);
        }

        static Entry marker(String label, Sample sample, Color color) {
            return new Entry(label, sample, color, Styles.SOLID);
        }
    }

    private Legend() {}

    /** Paints {@code chart} above a legend band holding {@code entries} ({@link #band} px high). */
    static Figure.Painter below(Chart<?, ?> chart, List<Entry> entries) {
        return (g, w, h) -> {
            int band = band(entries, w);
            chart.paint(g, w, h - band);
            paintBand(g, entries, w, h - band);
        };
    }

    /** The height of the band {@link #paintBand} fills: {@value #BAND} px a row. */
    static int band(List<Entry> entries, double width) {
        return BAND * rows(entries, width).size();
    }

    /** The entries in rows under a figure {@code width} wide from {@code top} down, each row centred. */
    static void paintBand(Graphics2D g, List<Entry> entries, double width, double top) {
        List<List<Entry>> rows = rows(entries, width);
        for (int r = 0; r < rows.size(); r++) {
            paint(g, rows.get(r), width / 2.0, top + BAND * (r + 0.5));
        }
    }

    /**
     * The entries in as few rows as fit in {@code width} less a margin each side, in their order: one row
     * of long labels (the std spectrum's four) ran past both edges of an 800 px figure.
     */
    static List<List<Entry>> rows(List<Entry> entries, double width) {
        double room = width - 2 * ENTRY_GAP;
        List<List<Entry>> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        double used = 0;
        for (Entry e : entries) {
            double need = SAMPLE + SAMPLE_GAP + Text.width(e.label(), Styles.LEGEND);
            if (!row.isEmpty() && used + ENTRY_GAP + need > room) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            used += (row.isEmpty() ? 0 : ENTRY_GAP) + need;
            row.add(e);
        }
        if (!row.isEmpty() || rows.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    /** Entries in one row centred on {@code (centreX, y)}. */
    static void paint(Graphics2D g, List<Entry> entries, double centreX, double y) {
        Text.smooth(g);
        double[][] at = layout(entries, centreX);
        for (int i = 0; i < entries.size(); i++) {
            drawSample(g, entries.get(i), at[i][0], y);
            g.setColor(Styles.TEXT);
            Text.draw(g, entries.get(i).label(), Styles.LEGEND, at[i][1], y, 0);
        }
    }

    /** Per entry: left of its sample, left and right of its label. */
    static double[][] layout(List<Entry> entries, double centreX) {
        double total = 0;
        for (Entry e : entries) {
            total += SAMPLE + SAMPLE_GAP + Text.width(e.label(), Styles.LEGEND);
        }
        total += ENTRY_GAP * Math.max(0, entries.size() - 1);
        double[][] at = new double[entries.size()][];
        double x = centreX - total / 2;
        for (int i = 0; i < entries.size(); i++) {
            double labelLeft = x + SAMPLE + SAMPLE_GAP;
            double labelRight = labelLeft + Text.width(entries.get(i).label(), Styles.LEGEND);
            at[i] = new double[] {x, labelLeft, labelRight};
            x = labelRight + ENTRY_GAP;
        }
        return at;
    }

    private static void drawSample(Graphics2D g, Entry e, double x, double y) {
        g.setColor(e.color());
        double cx = x + SAMPLE / 2;
        switch (e.sample()) {
            case LINE -> line(g, e, x, y);
            case LINE_AND_CIRCLE -> {
                line(g, e, x, y);
                g.fill(marker(Sample.CIRCLE, cx, y));
            }
            case BOX -> g.fill(new Rectangle2D.Double(x + 4, y - 6, SAMPLE - 8, 12));
            default -> g.fill(marker(e.sample(), cx, y));
        }
    }

    private static void line(Graphics2D g, Entry e, double x, double y) {
        g.setStroke(e.stroke());
        g.draw(new Line2D.Double(x, y, x + SAMPLE, y));
    }

    /** A marker of about XChart's size 6, centred on {@code (cx, cy)}. */
    static Shape marker(Sample kind, double cx, double cy) {
        double r = 3.5;
        return switch (kind) {
            case DIAMOND -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(cx, cy - r - 1);
                p.lineTo(cx + r + 1, cy);
                p.lineTo(cx, cy + r + 1);
                p.lineTo(cx - r - 1, cy);
                p.closePath();
                yield p;
            }
            case TRIANGLE_DOWN -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(cx - r - 0.5, cy - r + 0.5);
                p.lineTo(cx + r + 0.5, cy - r + 0.5);
                p.lineTo(cx, cy + r + 0.5);
                p.closePath();
                yield p;
            }
            default -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        };
    }
}
