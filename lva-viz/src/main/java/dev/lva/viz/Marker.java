package dev.lva.viz;

/**
 * A labelled vertical line across a {@link LinePlot} at {@code x}: an event on the step axis of a
 * loss curve, such as the step pruning starts at or the step a run was resumed from. The label is
 * written at the top of the plot, beside the line.
 *
 * <pre>{@code
 * LinePlot.of(options, curves, List.of(Marker.at(2000, "pruning starts"), Marker.at(5000, "resumed")));
 * }</pre>
 *
 * @param x     where the line stands, in the units of the x axis; finite
 * @param label what happened there; not blank
 */
public record Marker(double x, String label) {
    public Marker {
        if (!Double.isFinite(x)) {
            throw new ChartException("marker '" + label + "': x is " + x + ", but a marker needs a finite position");
        }
        if (label == null || label.isBlank()) {
            throw new ChartException("marker at x = " + x + ": label is missing");
        }
    }

    public static Marker at(double x, String label) {
        return new Marker(x, label);
    }
}
