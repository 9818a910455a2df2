package dev.lva.viz;

/**
 * The interval some values cover, and the padded interval an axis shows them in. Values reach a
 * chart only after {@link Check} (finite, at most 1e300 in magnitude), so no span here overflows.
 */
record Extent(double min, double max) {
    /** Share of the span left free on each side, as matplotlib's default margins. */
    static final double PAD = 0.05;

    static Extent of(double[]... arrays) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new Extent(lo, hi);
    }

    double span() {
        return max - min;
    }

    double mid() {
        return min / 2 + max / 2;
    }

    /**
     * {@value #PAD} of the span on each side; for a single value, a tenth of its magnitude (at
     * least 0.5) on each side, so that it sits in the middle of an axis whose ticks still read.
     */
    Extent padded() {
        double pad = max > min ? PAD * span() : Math.max(0.5, 0.1 * Math.abs(min));
        return new Extent(min - pad, max + pad);
    }

    /** An interval of width {@code width} centred on this one's middle. */
    Extent centredWidth(double width) {
        double m = mid();
        return new Extent(m - width / 2, m + width / 2);
    }

    /**
     * One padded range per column, all as wide as the widest, each centred on its own column:
     * axes on which equal lengths mean equal differences, whatever the column.
     */
    static Extent[] sameWidth(double[]... columns) {
        Extent[] out = new Extent[columns.length];
        double width = 0;
        for (int j = 0; j < columns.length; j++) {
            out[j] = of(columns[j]);
            width = Math.max(width, (1 + 2 * PAD) * out[j].span());
        }
        if (!(width > 0)) {
            // every column constant: the single-value padding of the first
            width = out[0].padded().span();
        }
        for (int j = 0; j < columns.length; j++) {
            out[j] = out[j].centredWidth(width);
        }
        return out;
    }
}
