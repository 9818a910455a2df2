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
    private static final int NOTE_BAND = 18;

    private Grid() {}

    static Figure of(String kind, GridOptions options, int columns, List<Figure.Painter> panels) {
        return of(kind, options, columns, panels, null);
    }

    /** As {@link #of(String, GridOptions, int, List)} with a line of small text under the title, or none if null. */
    static Figure of(String kind, GridOptions options, int columns, List<Figure.Painter> panels, String note) {
        int cols = Math.max(1, columns);
        int rows = (panels.size() + cols - 1) / cols;
        long width = (long) cols * options.panelWidth();
        int top = note == null ? TITLE_BAND : TITLE_BAND + NOTE_BAND;
        long height = top + (long) rows * options.panelHeight();
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
            if (note != null) {
                g.setColor(Styles.REFERENCE);
                Text.draw(g, note, Styles.LEGEND, w / 2.0, TITLE_BAND + NOTE_BAND / 2.0 - 6, 0.5);
            }
            for (int i = 0; i < panels.size(); i++) {
                int x = (i % cols) * pw;
                int y = top + (i / cols) * ph;
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
