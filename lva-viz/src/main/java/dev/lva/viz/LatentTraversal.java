package dev.lva.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LV paper's latent traversal: one row per latent dimension (the largest stds first), the
 * decoded images of the mean code with that dimension moved from {@code -k} to {@code +k} of its
 * std, left to right, every other dimension at its mean. A dimension the data uses changes the
 * image along its row; a collapsed one leaves the row constant. Rows are labelled with the
 * dimension and its std, columns with the offset in stds; all images share one value scale.
 */
public final class LatentTraversal {
    private LatentTraversal() {
    }

    /**
     * @param images    [row][column] decoded images, {@code channels x height x width} values each
     * @param names     one label per row, e.g. {@code z3}
     * @param stds      the std of each row's dimension
     * @param collapsed which rows' dimensions count as collapsed (marked in the label), or null
     * @param offsets   the offset of each column, in stds (e.g. -2, -1.5, ..., 2)
     */
    public static Figure of(ImageGrid.Options options, double[][][] images, int channels, int height, int width,
                            List<String> names, double[] stds, boolean[] collapsed, double[] offsets) {
        Check check = new Check(ImageGrid.KIND, options.title());
        if (names == null || stds == null || names.size() != images.length || stds.length != images.length
                || (collapsed != null && collapsed.length != images.length)) {
            throw check.fail("a traversal needs one name, std" + (collapsed == null ? "" : " and collapsed flag")
                    + " per row: " + images.length + " rows, " + (names == null ? 0 : names.size()) + " names, "
                    + (stds == null ? 0 : stds.length) + " stds");
        }
        if (offsets == null || offsets.length == 0) {
            throw check.fail("a traversal needs at least one offset");
        }
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < images.length; r++) {
            rows.add(String.format(Locale.ROOT, "%s, std %.3g%s", names.get(r), stds[r],
                    collapsed != null && collapsed[r] ? " (collapsed)" : ""));
        }
        List<String> columns = new ArrayList<>();
        for (double o : offsets) {
            columns.add(offset(o));
        }
        return ImageGrid.of(options, images, channels, height, width, rows, columns);
    }

    /** {@code -2σ}, {@code -0.5σ}, {@code mean}, {@code +1σ}. */
    static String offset(double o) {
        if (o == 0) {
            return "mean";
        }
        String v = new java.math.BigDecimal(Math.abs(o)).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
        return (o < 0 ? "-" : "+") + v + "\u03c3";
    }

    /** {@code steps} offsets evenly from {@code -reach} to {@code +reach} (9 and 2: -2, -1.5, ..., 2). */
    public static double[] offsets(double reach, int steps) {
        if (!(reach > 0) || steps < 2) {
            throw new ChartException("traversal offsets need a reach > 0 and at least 2 steps, got " + reach + " and "
                    + steps);
        }
        double[] o = new double[steps];
        for (int i = 0; i < steps; i++) {
            o[i] = -reach + 2 * reach * i / (steps - 1);
        }
        return o;
    }
}
