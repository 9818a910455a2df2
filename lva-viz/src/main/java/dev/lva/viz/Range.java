package dev.lva.viz;

/**
 * A fixed axis interval. Without one, an axis fits its data; fixing it keeps several figures
 * comparable and places a data point at a predictable pixel.
 */
public record Range(double min, double max) {
    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new ChartException("axis range needs finite bounds, got [" + min + ", " + max + "]");
        }
        if (Math.abs(min) > Check.MAX_MAGNITUDE || Math.abs(max) > Check.MAX_MAGNITUDE) {
            throw new ChartException("axis range [" + min + ", " + max + "] is larger in magnitude than the 1e300 an axis can span");
        }
        if (!(min < max)) {
            throw new ChartException("axis range min " + min + " must be below max " + max);
        }
    }

    public static Range of(double min, double max) {
        return new Range(min, max);
    }

    double span() {
        return max - min;
    }
}
