package dev.lva.core.train;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.core.regularize.L1StdRegularizer;
import dev.lva.core.regularize.VolumeRegularizer;

/**
 * Checks a front end runs before training, so that a setting that would fail at some step (or deep
 * inside a penalty) fails at once with a message about the setting: the batch size against the
 * data, and the rows a batch needs for a standard deviation.
 */
public final class TrainingChecks {
    private TrainingChecks() {
    }

    /**
     * Fails unless every batch of a run over {@code rows} rows, the last partial one included, has
     * at least the rows {@code penalty} needs (two for a penalty on batch standard deviations).
     *
     * @param penalty the latent penalty, or null for none
     */
    public static void requireBatches(int rows, TrainerOptions options, Regularizer penalty) {
        if (rows < 1) {
            throw new LvaException("the data has no rows");
        }
        int batch = options.batchSize() == 0 ? rows : options.batchSize();
        if (batch > rows) {
            throw new LvaException("batch size " + batch + " is larger than the data (" + rows + " rows)");
        }
        int needed = minimumBatchRows(penalty);
        if (rows < needed) {
            throw new LvaException(describe(penalty) + " needs at least " + needed
                    + " rows for a standard deviation; the data has " + rows + (rows == 1 ? " row" : " rows"));
        }
        int last = rows % batch == 0 ? batch : rows % batch;
        int smallest = Math.min(batch, last);
        if (smallest < needed) {
            throw new LvaException(describe(penalty) + " needs at least " + needed + " rows per batch for a standard "
                    + "deviation; " + rows + " rows in batches of " + batch + " leave a last batch of " + smallest
                    + (smallest == 1 ? " row" : " rows") + " (choose another batch size)");
        }
    }

    /**
     * Rows a batch needs for {@code penalty}: 2 for the penalties on batch standard deviations, else
     * 1 (also when their weight is 0: the models then skip them).
     */
    public static int minimumBatchRows(Regularizer penalty) {
        boolean std = penalty instanceof VolumeRegularizer || penalty instanceof L1StdRegularizer;
        return std && penalty.lambda() != 0 ? 2 : 1;
    }

    private static String describe(Regularizer penalty) {
        if (penalty instanceof VolumeRegularizer) {
            return "the volume penalty";
        }
        if (penalty instanceof L1StdRegularizer) {
            return "the l1-std penalty";
        }
        return penalty == null ? "training" : penalty.getClass().getSimpleName();
    }
}
