package dev.lva.viz;

/**
 * A named sequence of (x, y) points: one loss curve, one activation function, the training
 * samples of a regression. Values are checked by the chart that draws them, so that the error
 * can name the chart.
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (name == null || name.isBlank()) {
            throw new ChartException("series name is missing");
        }
    }

    /** y against 1, 2, ..., n: a curve recorded once per epoch or step. */
    public static Series of(String name, double[] y) {
        if (y == null) {
            throw new ChartException("series '" + name + "': y is missing");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return new Series(name, x, y);
    }

    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, x, y);
    }
}
