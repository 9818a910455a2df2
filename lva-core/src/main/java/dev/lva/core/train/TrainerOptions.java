package dev.lva.core.train;

/**
 * How to go through the data.
 *
 * @param epochs    passes over the data (a full-batch run takes one step per epoch)
 * @param batchSize rows per step; 0 means the whole data set (full batch)
 * @param shuffle   reshuffle the rows every epoch (minibatch only)
 * @param seed      seed of the shuffling
 */
public record TrainerOptions(int epochs, int batchSize, boolean shuffle, long seed) {
    public TrainerOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0 (0 = full batch), got " + batchSize);
        }
    }

    public static TrainerOptions fullBatch(int epochs) {
        return new TrainerOptions(epochs, 0, false, 0);
    }

    public static TrainerOptions minibatch(int epochs, int batchSize, long seed) {
        return new TrainerOptions(epochs, batchSize, true, seed);
    }
}
