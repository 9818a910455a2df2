package dev.lva.core.train;

import dev.lva.api.LvaException;

/**
 * How an epoch of {@code rows} rows is cut into batches: {@code perEpoch} batches of {@code batch}
 * rows, the last one of {@code last} rows. A last batch smaller than the model needs
 * ({@code minRows}, two for a penalty on batch standard deviations) is merged into the one before,
 * so every row is still seen once an epoch and no step hands a penalty fewer rows than it needs.
 *
 * @param batch    rows of every batch but the last
 * @param perEpoch batches an epoch
 * @param last     rows of the last batch ({@code batch} when the rows divide evenly)
 */
public record Batches(int batch, int perEpoch, int last) {

    /**
     * The batches of an epoch, or a one-line error when no cut works: no rows, a batch larger than
     * the data, or fewer rows (in the data or in a batch) than {@code minRows}.
     *
     * @param batchSize rows a batch; 0 for the whole data (full batch)
     * @param minRows   rows a batch needs at least (1 for any model, 2 for a std-based penalty)
     */
    public static Batches plan(int rows, int batchSize, int minRows) {
        return plan(rows, batchSize, minRows, "the model's penalty");
    }

    /** {@link #plan(int, int, int)}, naming {@code needs} (the volume penalty) as what needs the rows. */
    public static Batches plan(int rows, int batchSize, int minRows, String needs) {
        if (rows < 1) {
            throw new LvaException("the data has no rows");
        }
        if (batchSize < 0) {
            throw new LvaException("batch size must be >= 0 (0 = full batch), got " + batchSize);
        }
        int batch = batchSize == 0 ? rows : batchSize;
        if (batch > rows) {
            throw new LvaException("batch size " + batch + " is larger than the data (" + rows + " rows)");
        }
        int need = Math.max(1, minRows);
        // the reason a standard deviation gives is true of two rows; a penalty asking for more says so itself
        String why = need == 2 ? " (a standard deviation of one row is undefined)" : " (its minRows())";
        if (rows < need) {
            throw new LvaException(needs + " needs at least " + need + " rows a batch" + why + "; the data has " + rows
                    + (rows == 1 ? " row" : " rows"));
        }
        if (batch < need) {
            throw new LvaException("batch size " + batch + " is too small: " + needs + " needs at least " + need
                    + " rows a batch" + why);
        }
        int perEpoch = (rows + batch - 1) / batch;
        int last = rows - (perEpoch - 1) * batch;
        if (last < need && perEpoch > 1) {
            perEpoch--;
            last += batch;
        }
        return new Batches(batch, perEpoch, last);
    }

    /** Whether the last batch took in a short remainder (rows that would have made a batch too small). */
    public boolean mergedLast() {
        return last > batch;
    }
}
