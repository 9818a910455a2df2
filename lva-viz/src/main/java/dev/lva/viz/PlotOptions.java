package dev.lva.viz;

/**
 * What every single-panel chart shares: title, axis labels, pixel size, log y axis and optional
 * fixed axis ranges. Start with {@link #titled(String)} and adjust with the {@code with...}
 * methods; every instance is validated, so a chart never sees a negative size.
 *
 * @param title  shown above the plot and used in error messages; not blank
 * @param xLabel x axis title, may be empty
 * @param yLabel y axis title, may be empty
 * @param width  image width in pixels, 64 to 8000
 * @param height image height in pixels, 64 to 8000
 * @param logY   logarithmic y axis; then every plotted y value must be positive
 * @param xRange fixed x interval, or {@code null} to fit the data
 * @param yRange fixed y interval, or {@code null} to fit the data; positive when {@code logY}
 * @param sameScale x and y axes span the same width, each centred on its data, for two
 *               coordinates in one unit (latent codes): a dimension that hardly varies is then
 *               drawn flat instead of stretched to fill its axis. Scatter plots only.
 */
public record PlotOptions(
        String title, String xLabel, String yLabel, int width, int height, boolean logY, Range xRange, Range yRange,
        boolean sameScale) {

    static final int MIN_SIZE = 64;
    static final int MAX_SIZE = 8000;

    public PlotOptions {
        if (title == null || title.isBlank()) {
            throw new ChartException("plot options: title is missing");
        }
        xLabel = xLabel == null ? "" : xLabel;
        yLabel = yLabel == null ? "" : yLabel;
        checkSize("plot options '" + title + "'", "width", width);
        checkSize("plot options '" + title + "'", "height", height);
        if (logY && yRange != null && yRange.min() <= 0) {
            throw new ChartException("plot options '" + title + "': y range " + yRange.min() + ".." + yRange.max()
                    + " must be positive on a log-scale y axis");
        }
        if (sameScale && (logY || xRange != null || yRange != null)) {
            throw new ChartException("plot options '" + title + "': the same scale on both axes excludes a log-scale"
                    + " y axis and fixed ranges");
        }
    }

    /** 800 x 500 pixels, no axis labels, linear axes fitted to the data. */
    public static PlotOptions titled(String title) {
        return new PlotOptions(title, "", "", 800, 500, false, null, null, false);
    }

    public PlotOptions withLabels(String x, String y) {
        return new PlotOptions(title, x, y, width, height, logY, xRange, yRange, sameScale);
    }

    public PlotOptions withSize(int w, int h) {
        return new PlotOptions(title, xLabel, yLabel, w, h, logY, xRange, yRange, sameScale);
    }

    public PlotOptions withLogY(boolean log) {
        return new PlotOptions(title, xLabel, yLabel, width, height, log, xRange, yRange, sameScale);
    }

    public PlotOptions withXRange(Range range) {
        return new PlotOptions(title, xLabel, yLabel, width, height, logY, range, yRange, sameScale);
    }

    public PlotOptions withYRange(Range range) {
        return new PlotOptions(title, xLabel, yLabel, width, height, logY, xRange, range, sameScale);
    }

    /** Both axes as wide as the wider data range, each centred on its data; see {@link #sameScale}. */
    public PlotOptions withSameScale(boolean same) {
        return new PlotOptions(title, xLabel, yLabel, width, height, logY, xRange, yRange, same);
    }

    static void checkSize(String where, String what, int pixels) {
        if (pixels < MIN_SIZE || pixels > MAX_SIZE) {
            throw new ChartException(where + ": " + what + " " + pixels + " px is outside " + MIN_SIZE + ".." + MAX_SIZE);
        }
    }
}
