package dev.lva.core.train;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training run stands, exactly enough to continue it: a checkpoint stores this (as the
 * {@link #toState() state} of the trainer), and {@link GradientTrainer#fit} started from it takes
 * the same steps an uninterrupted run would.
 *
 * @param step          optimizer steps taken
 * @param epoch         current epoch (0-based)
 * @param batchInEpoch  batches of the current epoch already taken
 * @param epochRngState shuffling generator's state at the start of the current epoch
 * @param epochLossSum  sum of the step losses so far in the current epoch
 */
public record Progress(long step, int epoch, int batchInEpoch, long epochRngState, double epochLossSum) {
    /** Version of {@link #toState()}'s layout. */
    public static final int STATE_VERSION = 1;
    private static final String OWNER = "gradient trainer";

    public static Progress start(long seed) {
        return new Progress(0, 0, 0, seed, 0);
    }

    /**
     * As a trainer state: scalars only, the 64-bit generator state split into two 32-bit halves
     * ({@code epochRngStateHigh}, {@code epochRngStateLow}) since a double holds 53 bits exactly.
     */
    public StateDict toState() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("step", (double) step);
        s.put("epoch", (double) epoch);
        s.put("batchInEpoch", (double) batchInEpoch);
        s.put("epochRngStateHigh", (double) (epochRngState >> 32));
        s.put("epochRngStateLow", (double) (epochRngState & 0xFFFF_FFFFL));
        s.put("epochLossSum", epochLossSum);
        return new StateDict(STATE_VERSION, Map.of(), s);
    }

    /** Reads back what {@link #toState()} gave; a wrong version, a missing or a fractional value fails, named. */
    public static Progress of(StateDict state) {
        state.requireVersion(STATE_VERSION, OWNER);
        long high = whole(state, "epochRngStateHigh");
        long low = whole(state, "epochRngStateLow");
        if (high < Integer.MIN_VALUE || high > Integer.MAX_VALUE || low < 0 || low > 0xFFFF_FFFFL) {
            throw new LvaException(OWNER + " state: epochRngStateHigh " + high + " and epochRngStateLow " + low
                    + " are not the two 32-bit halves of a generator state");
        }
        long step = whole(state, "step");
        long epoch = whole(state, "epoch");
        long batch = whole(state, "batchInEpoch");
        if (step < 0 || epoch < 0 || epoch > Integer.MAX_VALUE || batch < 0 || batch > Integer.MAX_VALUE) {
            throw new LvaException(OWNER + " state has a negative or too large step, epoch or batch: step " + step
                    + ", epoch " + epoch + ", batch " + batch);
        }
        return new Progress(step, (int) epoch, (int) batch, (high << 32) | low, state.scalar("epochLossSum", OWNER));
    }

    private static long whole(StateDict state, String name) {
        double v = state.scalar(name, OWNER);
        if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) {
            throw new LvaException(OWNER + " state: " + name + " is " + v + ", not a whole number");
        }
        return (long) v;
    }
}
