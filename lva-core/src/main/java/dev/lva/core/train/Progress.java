package dev.lva.core.train;

/**
 * Where a training run stands, exactly enough to continue it: a checkpoint stores this, and
 * {@link GradientTrainer#fit} started from it takes the same steps an uninterrupted run would.
 *
 * @param step          optimizer steps taken
 * @param epoch         current epoch (0-based)
 * @param batchInEpoch  batches of the current epoch already taken
 * @param epochRngState shuffling generator's state at the start of the current epoch
 * @param epochLossSum  sum of the step losses so far in the current epoch
 */
public record Progress(long step, int epoch, int batchInEpoch, long epochRngState, double epochLossSum) {

    public static Progress start(long seed) {
        return new Progress(0, 0, 0, seed, 0);
    }
}
