package dev.lva.examples.run;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;

/**
 * Loss per step, thinned to at most {@code maxPoints} evenly spaced steps for plotting, and the
 * mean loss of every epoch. Arrays are allocated once, so recording allocates nothing per step.
 */
public final class LossHistory implements TrainingListener {
    private final long every;
    private final double[] steps;
    private final double[] total;
    private final double[] data;
    private final double[] penalty;
    private int count;
    private StepLoss last;

    /** @param totalSteps steps the run will take; @param maxPoints points kept at most */
    public LossHistory(long totalSteps, int maxPoints) {
        this.every = Math.max(1, (totalSteps + maxPoints - 1) / maxPoints);
        int n = (int) Math.min(maxPoints, totalSteps) + 1;
        steps = new double[n];
        total = new double[n];
        data = new double[n];
        penalty = new double[n];
    }

    @Override
    public void onStep(TrainingRun run, StepLoss loss) {
        last = loss;
        if ((run.step() - 1) % every == 0 && count < steps.length) {
            steps[count] = run.step();
            total[count] = loss.total();
            data[count] = loss.data();
            penalty[count] = loss.penalty();
            count++;
        }
    }

    public StepLoss last() {
        return last;
    }

    public double[] steps() {
        return java.util.Arrays.copyOf(steps, count);
    }

    public double[] total() {
        return java.util.Arrays.copyOf(total, count);
    }

    public double[] data() {
        return java.util.Arrays.copyOf(data, count);
    }

    public double[] penalty() {
        return java.util.Arrays.copyOf(penalty, count);
    }
}
