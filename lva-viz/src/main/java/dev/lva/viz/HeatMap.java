package dev.lva.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * A matrix as coloured cells with each value written in its cell, such as a latent covariance.
 * Row 0 is at the top, as the matrix is printed. A matrix with both signs uses a blue-white-red
 * scale symmetric about zero (white = 0); otherwise viridis from the smallest to the largest
 * value. A colour bar on the right gives the scale.
 *
 * <p>A covariance of latent codes spans decades (1.3 for a kept dimension, 6e-8 for a collapsed
 * one): on a linear scale the largest entry swamps the rest and every other cell looks white.
 * {@link #covariance} therefore colours by signed log magnitude when the entries span two decades
 * or more: blue-white-red again, white for magnitudes at or below the floor (a millionth of the
 * largest, or the smallest non-zero magnitude if that is larger), the colour bar ticked in
 * decades. The cells still print their values.
 *
 * <p>Drawn with Java2D rather than XChart's HeatMapChart: in trials with 3.8.8 that chart drew
 * category-labelled cells on top of each other, failed without an explicit locale and value
 * font, and writes all values in one colour; here the text is black or white by the cell's
 * brightness. Values are written as {@code %.2g}; cells too small for readable text
 * (a large matrix in a small figure) stay unannotated.
 *
 * <pre>{@code
 * Figure f = HeatMap.covariance(PlotOptions.titled("latent covariance").withSize(600, 560), cov, null);
 * Figure g = HeatMap.of(PlotOptions.titled("weights"), w, rowNames, columnNames);
 * }</pre>
 */
public final class HeatMap {
    static {
        Headless.ensure();
    }

    static final String KIND = "heat map";

    private static final int MARGIN = 12;
    private static final int TITLE_BAND = 36;
    private static final int AXIS_TITLE_BAND = 22;
    private static final int BAR_GAP = 16;
    private static final int BAR_WIDTH = 16;
    private static final int STRIPS = 64;
    private static final double MIN_CELL = 3;
    private static final float MAX_VALUE_FONT = 13f;
    private static final float MIN_VALUE_FONT = 8f;
    /** Under a log colour bar: white is at the floor and below, not only at exactly 0. */
    private static final String LOG_NOTE = "log scale";

    private HeatMap() {}

    /**
     * A square matrix with one label list for rows and columns.
     *
     * @param labels names of the variables, or null for {@code z0, z1, ...}
     * @throws ChartException when the matrix is not square
     */
    public static Figure covariance(PlotOptions options, double[][] matrix, List<String> labels) {
        Check check = new Check(KIND, options.title());
        double[][] m = check.matrix("matrix", matrix, -1);
        if (m.length != m[0].length) {
            throw check.fail("matrix must be square to share one label list, but is " + m.length + " x " + m[0].length);
        }
        List<String> names = check.labels("labels", labels, m.length, "rows", "z");
        return build(check, options, m, names, names, Scale.signedLog(m));
    }

    /**
     * Any rectangular matrix.
     *
     * @param rowLabels    one per row, or null for {@code 0, 1, ...}
     * @param columnLabels one per column, or null for {@code 0, 1, ...}
     */
    public static Figure of(PlotOptions options, double[][] matrix, List<String> rowLabels, List<String> columnLabels) {
        Check check = new Check(KIND, options.title());
        double[][] m = check.matrix("matrix", matrix, -1);
        List<String> rows = check.labels("row labels", rowLabels, m.length, "rows", "");
        List<String> cols = check.labels("column labels", columnLabels, m[0].length, "columns", "");
        return build(check, options, m, rows, cols, Scale.of(m));
    }

    private static Figure build(Check check, PlotOptions options, double[][] m, List<String> rows, List<String> cols,
                                Scale scale) {
        if (options.logY()) {
            throw check.fail("a log-scale y axis does not apply to a heat map");
        }
        check.noRange(options.xRange(), "x", "a heat map's columns are categories");
        check.noSameScale(options, "a heat map's rows and columns are categories");
        check.noRange(options.yRange(), "y", "a heat map's rows are categories; the colour scale is fitted to the values");
        Layout layout = Layout.of(check, options, m, rows, cols, scale);
        return new Figure(KIND, options.title(), options.width(), options.height(),
                (g, w, h) -> paint(g, options, m, rows, cols, scale, layout));
    }

    /** Where the cells land; package-private so tests can look at a cell's pixels. */
    static Layout layoutFor(PlotOptions options, double[][] matrix, List<String> rows, List<String> cols) {
        Check check = new Check(KIND, options.title());
        return Layout.of(check, options, matrix, rows, cols, Scale.of(matrix));
    }

    static String format(double v) {
        // -0.0 prints as "-0.0" otherwise
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.2g", v);
    }

    /**
     * Value to colour: diverging around zero for mixed signs, viridis otherwise; or, with a
     * {@code floor} above 0, diverging by signed log magnitude from the floor to {@code hi}.
     */
    record Scale(double lo, double hi, boolean diverging, double floor) {
        /** Entries must span this factor in magnitude before a log scale is worth its harder reading. */
        static final double LOG_SPAN = 100;
        /** The floor of a log scale is at least this share of the largest magnitude: six decades. */
        static final double LOG_DEPTH = 1e-6;

        static Scale of(double[][] m) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : m) {
                for (double v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo < 0 && hi > 0) {
                double a = Math.max(-lo, hi);
                return new Scale(-a, a, true, 0);
            }
            return new Scale(lo, hi, false, 0);
        }

        /** Signed log magnitude when the non-zero magnitudes span {@value #LOG_SPAN} or more, else {@link #of}. */
        static Scale signedLog(double[][] m) {
            double largest = 0;
            double smallest = Double.POSITIVE_INFINITY;
            for (double[] row : m) {
                for (double v : row) {
                    double a = Math.abs(v);
                    largest = Math.max(largest, a);
                    if (a > 0) {
                        smallest = Math.min(smallest, a);
                    }
                }
            }
            if (!(largest > 0) || largest / smallest < LOG_SPAN) {
                return of(m);
            }
            return new Scale(-largest, largest, true, Math.max(smallest, largest * LOG_DEPTH));
        }

        boolean log() {
            return floor > 0;
        }

        double position(double v) {
            if (log()) {
                double a = Math.abs(v);
                if (a <= floor) {
                    return 0.5;
                }
                double t = Math.min(1, Math.log(a / floor) / Math.log(hi / floor));
                return 0.5 + 0.5 * Math.signum(v) * t;
            }
            return hi > lo ? (v - lo) / (hi - lo) : 0.5;
        }

        Color color(double v) {
            double t = position(v);
            return diverging ? ColorMap.diverging(t) : ColorMap.viridis(t);
        }

        /**
         * The colour bar's ticks, top to bottom: the largest, the middle and the smallest value;
         * on a log scale, decades of both signs and 0 (at most three decades a side).
         */
        double[] ticks() {
            if (!log()) {
                return new double[] {hi, (lo + hi) / 2, lo};
            }
            int top = (int) Math.floor(Math.log10(hi));
            int bottom = (int) Math.ceil(Math.log10(floor));
            int step = Math.max(1, (int) Math.ceil((top - bottom + 1) / 3.0));
            List<Double> positive = new java.util.ArrayList<>();
            for (int k = top; k >= bottom; k -= step) {
                positive.add(Math.pow(10, k));
            }
            double[] out = new double[2 * positive.size() + 1];
            for (int i = 0; i < positive.size(); i++) {
                out[i] = positive.get(i);
                out[out.length - 1 - i] = -positive.get(i);
            }
            out[positive.size()] = 0;
            return out;
        }

        String tickLabel(double v) {
            return log() && v != 0 ? Ticks.format(v) : format(v);
        }
    }

    /** Pixel geometry, computed once from text metrics that do not depend on a Graphics. */
    record Layout(double left, double top, double cell, boolean uprightColumnLabels, Font valueFont,
                  double barLeft, double labelWidth) {

        static Layout of(Check check, PlotOptions o, double[][] m, List<String> rows, List<String> cols, Scale scale) {
            int nr = m.length;
            int nc = m[0].length;
            double rowLabelWidth = 0;
            for (String s : rows) {
                rowLabelWidth = Math.max(rowLabelWidth, Text.width(s, Styles.TICK));
            }
            double colLabelWidth = 0;
            for (String s : cols) {
                colLabelWidth = Math.max(colLabelWidth, Text.width(s, Styles.TICK));
            }
            double tickWidth = 0;
            for (double v : scale.ticks()) {
                tickWidth = Math.max(tickWidth, Text.width(scale.tickLabel(v), Styles.TICK));
            }
            if (scale.log()) {
                tickWidth = Math.max(tickWidth, Text.width(LOG_NOTE, Styles.TICK) - BAR_WIDTH - 6);
            }
            double textHeight = Text.ascent(Styles.TICK);
            double leftBand = MARGIN + (o.yLabel().isEmpty() ? 0 : AXIS_TITLE_BAND) + rowLabelWidth + 8;
            double rightBand = BAR_GAP + BAR_WIDTH + 6 + tickWidth + MARGIN;
            double bottomBand = (o.xLabel().isEmpty() ? 0 : AXIS_TITLE_BAND) + MARGIN;
            double availableWidth = o.width() - leftBand - rightBand;

            double flatLabels = textHeight + 10;
            double cell = cellSize(o, availableWidth, bottomBand + flatLabels, nr, nc);
            boolean upright = colLabelWidth > cell - 4;
            if (upright) {
                cell = cellSize(o, availableWidth, bottomBand + colLabelWidth + 10, nr, nc);
            }
            if (cell < MIN_CELL) {
                throw check.fail("a " + nr + " x " + nc + " matrix does not fit in " + o.width() + " x " + o.height()
                        + " px (cells would be " + String.format(Locale.ROOT, "%.1f", cell)
                        + " px); make the figure larger");
            }
            double gridWidth = cell * nc;
            double left = leftBand + Math.max(0, (availableWidth - gridWidth) / 2);
            double top = TITLE_BAND;
            Font valueFont = valueFont(m, cell);
            return new Layout(left, top, cell, upright, valueFont, left + gridWidth + BAR_GAP, rowLabelWidth);
        }

        private static double cellSize(PlotOptions o, double availableWidth, double below, int nr, int nc) {
            double availableHeight = o.height() - TITLE_BAND - below;
            return Math.floor(Math.min(availableWidth / nc, availableHeight / nr));
        }

        /** The largest font up to 13 pt whose widest value fits its cell, or null if none does. */
        private static Font valueFont(double[][] m, double cell) {
            double widest = 0;
            Font probe = Styles.ANNOTATION.deriveFont(MAX_VALUE_FONT);
            for (double[] row : m) {
                for (double v : row) {
                    widest = Math.max(widest, Text.width(format(v), probe));
                }
            }
            for (float size = MAX_VALUE_FONT; size >= MIN_VALUE_FONT; size -= 1f) {
                double scaled = widest * size / MAX_VALUE_FONT;
                if (scaled <= cell - 6 && size * 1.6 <= cell) {
                    return Styles.ANNOTATION.deriveFont(size);
                }
            }
            return null;
        }

        /** Cell rectangle with edges on whole pixels, so neighbours meet without seams. */
        Rectangle2D cellBounds(int r, int c) {
            double x0 = Math.round(left + c * cell);
            double x1 = Math.round(left + (c + 1) * cell);
            double y0 = Math.round(top + r * cell);
            double y1 = Math.round(top + (r + 1) * cell);
            return new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0);
        }
    }

    private static void paint(Graphics2D g, PlotOptions o, double[][] m, List<String> rows, List<String> cols,
                              Scale scale, Layout layout) {
        int nr = m.length;
        int nc = m[0].length;
        double cell = layout.cell();
        double gridBottom = layout.top() + nr * cell;
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, o.width(), o.height());
        Text.smooth(g);
        g.setColor(Styles.TEXT);
        Text.draw(g, o.title(), Styles.TITLE, o.width() / 2.0, TITLE_BAND / 2.0, 0.5);

        // Cells without antialiasing: touching rectangles would otherwise show faint seams.
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                g.setColor(scale.color(m[r][c]));
                g.fill(layout.cellBounds(r, c));
            }
        }
        int strips = scale.log() ? 4 * STRIPS : STRIPS;
        for (int i = 0; i < strips; i++) {
            double t = 1 - (i + 0.5) / strips;
            g.setColor(scale.diverging() ? ColorMap.diverging(t) : ColorMap.viridis(t));
            double y0 = Math.round(layout.top() + i * nr * cell / strips);
            double y1 = Math.round(layout.top() + (i + 1) * nr * cell / strips);
            g.fill(new Rectangle2D.Double(layout.barLeft(), y0, BAR_WIDTH, y1 - y0));
        }
        Text.smooth(g);

        g.setColor(Styles.FRAME);
        g.setStroke(Styles.THIN);
        g.draw(new Rectangle2D.Double(layout.left(), layout.top(), nc * cell, nr * cell));
        g.draw(new Rectangle2D.Double(layout.barLeft(), layout.top(), BAR_WIDTH, nr * cell));

        if (layout.valueFont() != null) {
            for (int r = 0; r < nr; r++) {
                for (int c = 0; c < nc; c++) {
                    Rectangle2D b = layout.cellBounds(r, c);
                    g.setColor(ColorMap.luminance(scale.color(m[r][c])) < 0.45 ? Color.WHITE : Color.BLACK);
                    Text.draw(g, format(m[r][c]), layout.valueFont(), b.getCenterX(), b.getCenterY(), 0.5);
                }
            }
        }

        g.setColor(Styles.TEXT);
        for (int r = 0; r < nr; r++) {
            Text.draw(g, rows.get(r), Styles.TICK, layout.left() - 6, layout.top() + (r + 0.5) * cell, 1);
        }
        double labelHeight = Text.ascent(Styles.TICK);
        double colLabelsBottom = gridBottom + 6;
        for (int c = 0; c < nc; c++) {
            double x = layout.left() + (c + 0.5) * cell;
            if (layout.uprightColumnLabels()) {
                double w = Text.width(cols.get(c), Styles.TICK);
                Text.drawVertical(g, cols.get(c), Styles.TICK, x, gridBottom + 6 + w / 2);
                colLabelsBottom = Math.max(colLabelsBottom, gridBottom + 6 + w);
            } else {
                Text.draw(g, cols.get(c), Styles.TICK, x, gridBottom + 6 + labelHeight / 2, 0.5);
                colLabelsBottom = Math.max(colLabelsBottom, gridBottom + 6 + labelHeight);
            }
        }
        double barRight = layout.barLeft() + BAR_WIDTH + 6;
        for (double v : scale.ticks()) {
            double y = layout.top() + (1 - scale.position(v)) * nr * cell;
            g.setColor(Styles.FRAME);
            g.draw(new Line2D.Double(barRight - 6, y, barRight - 2, y));
            g.setColor(Styles.TEXT);
            Text.draw(g, scale.tickLabel(v), Styles.TICK, barRight, y, 0);
        }
        if (scale.log()) {
            g.setColor(Styles.REFERENCE);
            Text.draw(g, LOG_NOTE, Styles.TICK, layout.barLeft(), gridBottom + 6 + Text.ascent(Styles.TICK) / 2, 0);
        }

        if (!o.xLabel().isEmpty()) {
            Text.draw(g, o.xLabel(), Styles.AXIS_TITLE, layout.left() + nc * cell / 2,
                    colLabelsBottom + AXIS_TITLE_BAND / 2.0, 0.5);
        }
        if (!o.yLabel().isEmpty()) {
            Text.drawVertical(g, o.yLabel(), Styles.AXIS_TITLE,
                    layout.left() - 8 - layout.labelWidth() - AXIS_TITLE_BAND / 2.0, layout.top() + nr * cell / 2);
        }
    }
}
