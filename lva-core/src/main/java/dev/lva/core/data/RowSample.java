package dev.lva.core.data;

/**
 * A deterministic sample of rows: evenly spaced over the data, in order, the same for the same sizes.
 * What a figure of a large data set draws, and what a statistic too costly for every row is measured
 * on. Evenly spaced rather than random: a rerun, a resumed run and a test all see the same rows, and
 * every stretch of a file (often sorted by time or by label) is represented.
 */
public final class RowSample {
    private RowSample() {
    }

    /** Row indices {@code floor(i * n / size)} for {@code i < size}: all rows when {@code size >= n}. */
    public static int[] evenly(long n, int size) {
        if (n < 0 || size < 0) {
            throw new IllegalArgumentException("rows and sample size must be >= 0, got " + n + " and " + size);
        }
        int k = (int) Math.min(n, size);
        int[] rows = new int[k];
        for (int i = 0; i < k; i++) {
            rows[i] = (int) (i * n / k);
        }
        return rows;
    }
}
