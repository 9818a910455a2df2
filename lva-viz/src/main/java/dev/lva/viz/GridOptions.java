package dev.lva.viz;

/**
 * Layout of a figure made of many small panels (pair plot, parity plots, activation gallery):
 * an overall title, the pixel size of one panel and the number of columns. The image is
 * {@code columns * panelWidth} wide.
 *
 * @param title       drawn above the grid and used in error messages; not blank
 * @param panelWidth  width of one panel in pixels, 80 to 2000
 * @param panelHeight height of one panel in pixels, 80 to 2000
 * @param columns     panels per row, or 0 to choose a near-square grid
 */
public record GridOptions(String title, int panelWidth, int panelHeight, int columns) {
    static final int MIN_PANEL = 80;
    static final int MAX_PANEL = 2000;

    public GridOptions {
        if (title == null || title.isBlank()) {
            throw new ChartException("grid options: title is missing");
        }
        checkPanel(title, "panel width", panelWidth);
        checkPanel(title, "panel height", panelHeight);
        if (columns < 0) {
            throw new ChartException("grid options '" + title + "': columns is " + columns + ", must be >= 0 (0 = automatic)");
        }
    }

    /** 280 x 240 pixel panels, columns chosen automatically. */
    public static GridOptions titled(String title) {
        return new GridOptions(title, 280, 240, 0);
    }

    public GridOptions withPanelSize(int w, int h) {
        return new GridOptions(title, w, h, columns);
    }

    public GridOptions withColumns(int n) {
        return new GridOptions(title, panelWidth, panelHeight, n);
    }

    /** Columns for {@code panels} panels: the fixed count, or the ceiling of the square root. */
    int columnsFor(int panels) {
        if (columns > 0) {
            return Math.min(columns, panels);
        }
        return (int) Math.ceil(Math.sqrt(panels));
    }

    private static void checkPanel(String title, String what, int pixels) {
        if (pixels < MIN_PANEL || pixels > MAX_PANEL) {
            throw new ChartException("grid options '" + title + "': " + what + " " + pixels + " px is outside "
                    + MIN_PANEL + ".." + MAX_PANEL);
        }
    }
}
