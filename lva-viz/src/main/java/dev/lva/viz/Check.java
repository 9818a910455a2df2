package dev.lva.viz;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Input validation for one chart. Every message starts with the chart kind and title, then names
 * the argument and index, so that a failing batch of figures points at the culprit:
 * {@code scatter 'latent': x has 100 values but y has 99}. Arrays that pass are returned as
 * copies, because a figure paints later and must not change when the caller reuses a buffer.
 */
final class Check {
    /**
     * The largest magnitude a chart accepts. Between two values near {@link Double#MAX_VALUE} the
     * span of an axis overflows to infinity, inside XChart too; no trained model gives such values
     * unless it has diverged, so they are refused by name rather than drawn wrong.
     */
    static final double MAX_MAGNITUDE = 1e300;

    private final String where;

    Check(String kind, String title) {
        this.where = kind + " '" + title + "'";
    }

    ChartException fail(String message) {
        return new ChartException(where + ": " + message);
    }

    /** Non-null, non-empty and finite; returns a copy. */
    double[] values(String arg, double[] a) {
        if (a == null) {
            throw fail(arg + " is missing");
        }
        if (a.length == 0) {
            throw fail(arg + " is empty");
        }
        for (int i = 0; i < a.length; i++) {
            finite(arg + "[" + i + "]", a[i]);
        }
        return a.clone();
    }

    void finite(String what, double v) {
        if (Double.isNaN(v)) {
            throw fail(what + " is NaN");
        }
        if (Double.isInfinite(v)) {
            throw fail(what + " is infinite (" + v + ")");
        }
        if (Math.abs(v) > MAX_MAGNITUDE) {
            throw fail(what + " is " + v + ", larger in magnitude than the 1e300 a chart axis can span");
        }
    }

    void sameLength(String aName, double[] a, String bName, double[] b) {
        if (a.length != b.length) {
            throw fail(aName + " has " + a.length + " values but " + bName + " has " + b.length);
        }
    }

    /** For log axes, where zero and negative values have no position. */
    void positive(String arg, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] > 0)) {
                throw fail(arg + "[" + i + "] is " + a[i] + ", but a log-scale y axis needs values > 0");
            }
        }
    }

    /**
     * A non-empty rectangular matrix of finite values with {@code columns} columns, or any
     * column count when {@code columns} is negative; returns a deep copy.
     */
    double[][] matrix(String arg, double[][] m, int columns) {
        if (m == null) {
            throw fail(arg + " is missing");
        }
        if (m.length == 0) {
            throw fail(arg + " has no rows");
        }
        double[][] copy = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null) {
                throw fail(arg + " row " + r + " is missing");
            }
            int expected = columns >= 0 ? columns : m[0].length;
            if (m[r].length == 0) {
                throw fail(arg + " row " + r + " is empty");
            }
            if (m[r].length != expected) {
                throw fail(arg + " row " + r + " has " + m[r].length + " values but "
                        + (columns >= 0 ? "each row needs " + columns : "row 0 has " + expected));
            }
            for (int c = 0; c < m[r].length; c++) {
                finite(arg + "[" + r + "][" + c + "]", m[r][c]);
            }
            copy[r] = m[r].clone();
        }
        return copy;
    }

    <T> List<T> nonEmpty(String arg, List<T> list) {
        if (list == null) {
            throw fail(arg + " is missing");
        }
        if (list.isEmpty()) {
            throw fail(arg + " is empty");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw fail(arg + "[" + i + "] is missing");
            }
        }
        return List.copyOf(list);
    }

    /** Labels for {@code count} items: the given ones (checked) or {@code prefix + index}. */
    List<String> labels(String arg, List<String> labels, int count, String countName, String prefix) {
        if (labels == null) {
            String[] generated = new String[count];
            for (int i = 0; i < count; i++) {
                generated[i] = prefix + i;
            }
            return List.of(generated);
        }
        if (labels.size() != count) {
            throw fail(labels.size() + " " + arg + " for " + count + " " + countName);
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == null) {
                throw fail(arg + "[" + i + "] is missing");
            }
        }
        return List.copyOf(labels);
    }

    /** XChart keys series by name, so two series with one name would silently merge. */
    void distinctNames(List<Series> series) {
        Set<String> seen = new HashSet<>();
        for (Series s : series) {
            if (!seen.add(s.name())) {
                throw fail("series name '" + s.name() + "' appears twice");
            }
        }
    }

    /** Checks one series and returns copies of its x and y arrays. */
    double[][] series(Series s, boolean positiveY) {
        String name = "series '" + s.name() + "'";
        double[] x = values(name + " x", s.x());
        double[] y = values(name + " y", s.y());
        sameLength(name + " x", x, "y", y);
        if (positiveY) {
            positive(name + " y", y);
        }
        return new double[][] {x, y};
    }

    /** For charts that do not draw two coordinates of one unit against each other. */
    void noSameScale(PlotOptions options, String why) {
        if (options.sameScale()) {
            throw fail("the same scale on both axes does not apply: " + why);
        }
    }

    /** For charts whose axes are not data axes (a projection, categories, matrix cells). */
    void noRange(Range range, String axis, String why) {
        if (range != null) {
            throw fail("a fixed " + axis + " range does not apply: " + why);
        }
    }
}
