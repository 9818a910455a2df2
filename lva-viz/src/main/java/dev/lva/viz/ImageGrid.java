package dev.lva.viz;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Small grey-scale (or colour) images in a grid with a gap around each one, rows labelled on the left and
 * columns on top: digits above their reconstructions, a traversal of one latent dimension per
 * row. The figure is as large as its content (no blank band), each image pixel a square of whole
 * screen pixels, so nothing is resampled. Every image shares one value scale: the options' range,
 * or the smallest to the largest value over all images.
 *
 * <pre>{@code
 * double[][][] images = {originals, reconstructions};       // [row][column][pixel], row-major pixels
 * Figure f = ImageGrid.of(ImageGrid.Options.titled("digits").withTone(ImageGrid.Tone.INK), images, 8, 8,
 *         List.of("original", "reconstructed"), List.of("0", "1", "2"));
 * }</pre>
 */
public final class ImageGrid {
    static {
        Headless.ensure();
    }

    static final String KIND = "image grid";

    private static final int MARGIN = 10;
    private static final int TITLE_BAND = 36;
    private static final int LABEL_GAP = 8;
    /** Widest figure the automatic scale aims for. */
    private static final int TARGET_WIDTH = 1000;
    private static final int MAX_SCALE = 16;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TILE_EDGE = new Color(0xBBBBBB);

    /** How values become grey. */
    public enum Tone {
        /** Low values black, high values white, as a photograph or Fashion-MNIST. */
        LIGHT,
        /** Low values white, high values black: ink on paper, as handwritten digits. */
        INK
    }

    /**
     * @param title  above the grid and in error messages; not blank
     * @param scale  screen pixels per image pixel, 1 to {@value #MAX_SCALE}, or 0 to fit about
     *               {@value #TARGET_WIDTH} px of width
     * @param tone   how values become grey
     * @param values the values mapped to the two ends of the grey scale (clipped beyond), or null
     *               for the smallest and largest value over all images
     */
    public record Options(String title, int scale, Tone tone, Range values) {
        public Options {
            if (title == null || title.isBlank()) {
                throw new ChartException("image grid options: title is missing");
            }
            if (scale < 0 || scale > MAX_SCALE) {
                throw new ChartException("image grid options '" + title + "': scale " + scale + " is outside 0.."
                        + MAX_SCALE + " (0 = automatic)");
            }
            if (tone == null) {
                throw new ChartException("image grid options '" + title + "': tone is missing");
            }
        }

        public static Options titled(String title) {
            return new Options(title, 0, Tone.LIGHT, null);
        }

        public Options withScale(int s) {
            return new Options(title, s, tone, values);
        }

        public Options withTone(Tone t) {
            return new Options(title, scale, t, values);
        }

        public Options withValues(Range r) {
            return new Options(title, scale, tone, r);
        }
    }

    private ImageGrid() {}

    /**
     * @param images       [row][column] images of {@code height * width} values each, row-major;
     *                     rows may hold fewer images than the longest (the rest stay empty)
     * @param rowLabels    one per row, or null for none
     * @param columnLabels one per column of the longest row, or null for none
     */
    public static Figure of(Options options, double[][][] images, int height, int width, List<String> rowLabels,
                            List<String> columnLabels) {
        return of(options, images, 1, height, width, rowLabels, columnLabels);
    }

    /**
     * Grey ({@code channels} 1) or colour ({@code channels} 3: red, green, blue planes, each
     * {@code height * width} values, one after the other as in a C x H x W image) images; every
     * channel is mapped by the same value scale.
     */
    public static Figure of(Options options, double[][][] images, int channels, int height, int width,
                            List<String> rowLabels, List<String> columnLabels) {
        Check check = new Check(KIND, options.title());
        if (height < 1 || width < 1) {
            throw check.fail("images are " + height + " x " + width + " pixels; both must be at least 1");
        }
        if (channels != 1 && channels != 3) {
            throw check.fail("images have " + channels + " channels; grey images have 1, colour images 3");
        }
        int plane = height * width;
        if (images == null || images.length == 0) {
            throw check.fail("images has no rows");
        }
        int rows = images.length;
        int cols = 0;
        double[][][] copy = new double[rows][][];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            if (images[r] == null) {
                throw check.fail("images row " + r + " is missing");
            }
            cols = Math.max(cols, images[r].length);
            copy[r] = new double[images[r].length][];
            for (int c = 0; c < images[r].length; c++) {
                double[] img = images[r][c];
                if (img == null) {
                    throw check.fail("image [" + r + "][" + c + "] is missing");
                }
                if (img.length != channels * plane) {
                    throw check.fail("image [" + r + "][" + c + "] has " + img.length + " values, but " + (channels == 1
                            ? "" : channels + " x ") + height + " x " + width + " images need " + channels * plane);
                }
                copy[r][c] = check.values("image [" + r + "][" + c + "]", img);
                for (double v : img) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (cols == 0) {
            throw check.fail("images has no image");
        }
        List<String> rowNames = rowLabels == null ? null : check.labels("row labels", rowLabels, rows, "rows", "");
        List<String> colNames = columnLabels == null ? null
                : check.labels("column labels", columnLabels, cols, "columns", "");
        double vLo = options.values() != null ? options.values().min() : lo;
        double vHi = options.values() != null ? options.values().max() : hi;

        double labelWidth = 0;
        if (rowNames != null) {
            for (String s : rowNames) {
                labelWidth = Math.max(labelWidth, Text.width(s, Styles.TICK));
            }
        }
        double left = MARGIN + (labelWidth > 0 ? labelWidth + LABEL_GAP : 0);
        int scale = options.scale() > 0 ? options.scale()
                : (int) Math.max(1, Math.min(MAX_SCALE, Math.floor((TARGET_WIDTH - left - MARGIN) / (cols * (width + 1.5)))));
        int gap = Math.max(3, Math.round(scale * 1.5f));
        int tileW = width * scale;
        int tileH = height * scale;
        double columnBand = colNames == null ? 0 : Text.ascent(Styles.TICK) + 8;
        double titleWidth = Text.width(options.title(), Styles.TITLE) + 2 * MARGIN;
        double gridWidth = cols * tileW + (cols - 1) * gap;
        int figureWidth = (int) Math.ceil(Math.max(left + gridWidth + MARGIN, titleWidth));
        int figureHeight = (int) Math.ceil(TITLE_BAND + columnBand + rows * tileH + (rows - 1) * gap + MARGIN);
        if ((long) figureWidth * figureHeight > Grid.MAX_PIXELS || figureWidth > PlotOptions.MAX_SIZE
                || figureHeight > PlotOptions.MAX_SIZE) {
            throw check.fail(rows + " x " + cols + " images make a " + figureWidth + " x " + figureHeight
                    + " px figure, above the limit; show fewer images or a smaller scale");
        }
        // tiles on whole pixels: a pixel square at a fractional position is antialiased into its
        // neighbours, which draws a faint grid over every image
        int x0 = (int) Math.round(left + Math.max(0, (figureWidth - MARGIN - left - gridWidth) / 2));
        int top = (int) Math.ceil(TITLE_BAND + columnBand);
        Tone tone = options.tone();
        String title = options.title();
        return new Figure(KIND, title, figureWidth, figureHeight, (g, w, h) -> {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, w, h);
            Text.smooth(g);
            g.setColor(Styles.TEXT);
            Text.draw(g, title, Styles.TITLE, w / 2.0, TITLE_BAND / 2.0, 0.5);
            for (int r = 0; r < rows; r++) {
                int y = top + r * (tileH + gap);
                if (rowNames != null) {
                    g.setColor(Styles.TEXT);
                    Text.draw(g, rowNames.get(r), Styles.TICK, left - LABEL_GAP, y + tileH / 2.0, 1);
                }
                for (int c = 0; c < copy[r].length; c++) {
                    int x = x0 + c * (tileW + gap);
                    double[] img = copy[r][c];
                    for (int p = 0; p < plane; p++) {
                        g.setColor(channels == 1 ? grey(img[p], vLo, vHi, tone)
                                : colour(img[p], img[plane + p], img[2 * plane + p], vLo, vHi, tone));
                        g.fillRect(x + (p % width) * scale, y + (p / width) * scale, scale, scale);
                    }
                    g.setColor(TILE_EDGE);
                    g.setStroke(Styles.THIN);
                    g.draw(new Rectangle2D.Double(x - 0.5, y - 0.5, tileW + 1, tileH + 1));
                }
            }
            if (colNames != null) {
                g.setColor(Styles.TEXT);
                for (int c = 0; c < colNames.size(); c++) {
                    Text.draw(g, colNames.get(c), Styles.TICK, x0 + c * (tileW + gap) + tileW / 2.0,
                            TITLE_BAND + columnBand / 2.0 - 2, 0.5);
                }
            }
        });
    }

    /** The grey of {@code v} on [lo, hi], clipped; mid-grey when the range is a single value. */
    static Color grey(double v, double lo, double hi, Tone tone) {
        int level = level(v, lo, hi, tone);
        return new Color(level, level, level);
    }

    /** Each channel as {@link #grey} maps a value. */
    static Color colour(double red, double green, double blue, double lo, double hi, Tone tone) {
        return new Color(level(red, lo, hi, tone), level(green, lo, hi, tone), level(blue, lo, hi, tone));
    }

    private static int level(double v, double lo, double hi, Tone tone) {
        double t = hi > lo ? Math.max(0, Math.min(1, (v - lo) / (hi - lo))) : 0.5;
        if (tone == Tone.INK) {
            t = 1 - t;
        }
        return (int) Math.round(255 * t);
    }
}
