package dev.lva.viz;

/**
 * A labelled horizontal reference line across a {@link LinePlot} at {@code y}: a threshold the
 * curves are read against, such as the 1% of the largest std below which a dimension does not
 * count. The legend names it by its label, beside a dashed sample.
 *
 * @param y     the height of the line in the units of the y axis; finite, and positive on a log axis
 * @param label what the line means; not blank
 */
public record Level(double y, String label) {
    public Level {
        if (!Double.isFinite(y)) {
            throw new ChartException("level '" + label + "': y is " + y + ", but a reference line needs a finite height");
        }
        if (label == null || label.isBlank()) {
            throw new ChartException("level at y = " + y + ": label is missing");
        }
    }

    public static Level at(double y, String label) {
        return new Level(y, label);
    }
}
