package dev.lva.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;

/** Lays small panels out row by row under one title: the frame of every multi-panel figure. */
final class Grid {
    static {
        Headless.ensure();
    }

    /** Larger grids would need hundreds of megabytes as an image and are unreadable anyway. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final int TITLE_BAND = 36;

    private Grid() {}

    static Figure of(String kind, GridOptions options, int columns, List<Figure.Painter> panels) {
        int cols = Math.max(1, columns);
        int rows = (panels.size() + cols - 1) / cols;
        long width = (long) cols * options.panelWidth();
        long height = TITLE_BAND + (long) rows * options.panelHeight();
        if (width * height > MAX_PIXELS || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new ChartException(kind + " '" + options.title() + "': " + panels.size() + " panels in " + cols
                    + " columns make a " + width + " x " + height + " px image, above the limit of "
                    + MAX_PIXELS + " pixels; use smaller panels or fewer features");
        }
        int pw = options.panelWidth();
        int ph = options.panelHeight();
        String title = options.title();
        return new Figure(kind, title, (int) width, (int) height, (g, w, h) -> {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            Text.smooth(g);
            g.setColor(Styles.TEXT);
            Text.draw(g, title, Styles.TITLE, w / 2.0, TITLE_BAND / 2.0, 0.5);
            for (int i = 0; i < panels.size(); i++) {
                int x = (i % cols) * pw;
                int y = TITLE_BAND + (i / cols) * ph;
                Graphics2D cell = (Graphics2D) g.create(x, y, pw, ph);
                try {
                    panels.get(i).paint(cell, pw, ph);
                } finally {
                    cell.dispose();
                }
            }
        });
    }
}
