package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.core.train.StatefulListener;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run's history: the loss at evenly spaced steps (at most about {@code 2 * maxPoints} kept for
 * plotting), the seconds it has trained, and the steps it was resumed at. It is kept in the run's
 * checkpoints, so that a resumed run's report and summary describe the whole run, from step 1 and
 * with every session's seconds, not only the part after the resume. Arrays are allocated once, so
 * recording allocates nothing per step: when they fill, every other point goes and the spacing
 * doubles.
 */
public final class LossHistory implements StatefulListener {
    /** Where a checkpoint keeps it (under the listeners' prefix). */
    public static final String STATE_KEY = "loss-history";
    private static final int VERSION = 1;
    private static final String OWNER = "the loss history";
    private final double[] steps;
    private final double[] total;
    private final double[] data;
    private final double[] penalty;
    private long every;
    private int count;
    private StepLoss last;
    private double secondsBefore;
    private long startNanos = -1;
    private long endNanos = -1;
    private long[] resumedAt = new long[0];
    private boolean restored;

    /** @param totalSteps steps the whole run takes (from step 1); @param maxPoints points kept at the spacing it sets */
    public LossHistory(long totalSteps, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be >= 1, got " + maxPoints);
        }
        this.every = Math.max(1, (totalSteps + maxPoints - 1) / maxPoints);
        int n = 2 * maxPoints + 2;
        steps = new double[n];
        total = new double[n];
        data = new double[n];
        penalty = new double[n];
    }

    @Override
    public void onStart(TrainingRun run) {
        if (run.step() > 0) {
            resumedAt = Arrays.copyOf(resumedAt, resumedAt.length + 1);
            resumedAt[resumedAt.length - 1] = run.step();
        }
        startNanos = System.nanoTime();
        endNanos = -1;
    }

    @Override
    public void onStep(TrainingRun run, StepLoss loss) {
        last = loss;
        if ((run.step() - 1) % every == 0) {
            if (count == steps.length) {
                thin();
                if ((run.step() - 1) % every != 0) {
                    return;
                }
            }
            steps[count] = run.step();
            total[count] = loss.total();
            data[count] = loss.data();
            penalty[count] = loss.penalty();
            count++;
        }
    }

    @Override
    public void onEnd(TrainingRun run, TrainingResult result) {
        endNanos = System.nanoTime();
    }

    /** Keeps every other point (the first stays) and doubles the spacing. */
    private void thin() {
        int kept = 0;
        for (int i = 0; i < count; i += 2) {
            steps[kept] = steps[i];
            total[kept] = total[i];
            data[kept] = data[i];
            penalty[kept] = penalty[i];
            kept++;
        }
        count = kept;
        every *= 2;
    }

    public StepLoss last() {
        return last;
    }

    public double[] steps() {
        return Arrays.copyOf(steps, count);
    }

    public double[] total() {
        return Arrays.copyOf(total, count);
    }

    public double[] data() {
        return Arrays.copyOf(data, count);
    }

    public double[] penalty() {
        return Arrays.copyOf(penalty, count);
    }

    /** The steps the run was resumed at, in order; empty for a run trained in one go. */
    public long[] resumedAt() {
        return resumedAt.clone();
    }

    /** Seconds the run trained before this session (in earlier sessions it was resumed from). */
    public double secondsBefore() {
        return secondsBefore;
    }

    /** Whether the points before this session's first step came from a checkpoint (false: an older checkpoint kept none). */
    public boolean restored() {
        return restored;
    }

    /** Seconds the whole run has trained, every session together, up to now (or to its end). */
    public double seconds() {
        if (startNanos < 0) {
            return secondsBefore;
        }
        long until = endNanos >= 0 ? endNanos : System.nanoTime();
        return secondsBefore + (until - startNanos) / 1e9;
    }

    @Override
    public String stateKey() {
        return STATE_KEY;
    }

    @Override
    public StateDict state() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        // no zero-length arrays: a checkpoint's .npy entries hold at least one value
        if (count > 0) {
            double[] points = new double[4 * count];
            System.arraycopy(steps, 0, points, 0, count);
            System.arraycopy(total, 0, points, count, count);
            System.arraycopy(data, 0, points, 2 * count, count);
            System.arraycopy(penalty, 0, points, 3 * count, count);
            arrays.put("points", Nd4j.create(points, new long[] {4, count}, 'c'));
        }
        if (last != null) {
            // a run resumed after its end takes no step; its summary still names the losses it ended on
            arrays.put("last_step", Nd4j.createFromArray(last.total(), last.data(), last.penalty()));
        }
        if (resumedAt.length > 0) {
            arrays.put("resumed_at", Nd4j.createFromArray(Arrays.stream(resumedAt).asDoubleStream().toArray()));
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("every", (double) every);
        scalars.put("seconds", seconds());
        return new StateDict(VERSION, arrays, scalars);
    }

    @Override
    public void loadState(StateDict state) {
        state.requireVersion(VERSION, OWNER);
        double savedEvery = state.scalar("every", OWNER);
        double seconds = state.scalar("seconds", OWNER);
        if (!(savedEvery >= 1) || !(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new LvaException(OWNER + " state is not valid: every " + savedEvery + ", seconds " + seconds);
        }
        count = 0;
        INDArray points = state.arrays().get("points");
        if (points != null) {
            if (points.rank() != 2 || points.rows() != 4) {
                throw new LvaException(OWNER + " state's points are " + Arrays.toString(points.shape())
                        + ", expected 4 x N");
            }
            double[][] p = points.toDoubleMatrix();
            int n = p[0].length;
            // keep every k-th point so that they fit, as recording would have thinned them
            int k = 1;
            while ((n + k - 1) / k > steps.length / 2) {
                k *= 2;
            }
            for (int i = 0; i < n; i += k) {
                steps[count] = p[0][i];
                total[count] = p[1][i];
                data[count] = p[2][i];
                penalty[count] = p[3][i];
                count++;
            }
            every = Math.max(every, (long) savedEvery * k);
        }
        INDArray lastStep = state.arrays().get("last_step");
        // absent in checkpoints written before it was kept
        last = lastStep == null || lastStep.length() != 3 ? null
                : new StepLoss(lastStep.getDouble(0), lastStep.getDouble(1), lastStep.getDouble(2));
        INDArray resumed = state.arrays().get("resumed_at");
        resumedAt = resumed == null ? new long[0]
                : Arrays.stream(resumed.reshape(resumed.length()).toDoubleVector()).mapToLong(d -> (long) d).toArray();
        secondsBefore = seconds;
        restored = true;
    }
}
