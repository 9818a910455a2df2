package dev.lva.run.sweep;

import dev.lva.api.StepLoss;
import dev.lva.models.IntrinsicDimension;
import dev.lva.run.RunSummary;
import java.io.Serial;
import java.io.Serializable;

/**
 * The numbers of one finished run that the sweep compares.
 *
 * <p>A run whose data has no variance, or whose code collapsed, has no count: both counts are null
 * (an empty cell in {@code sweep.csv}, no point in the sweep's figures), never a number.
 *
 * @param dimsExplained   latent dimensions whose explained reconstruction reaches the threshold
 *                        ({@code lva fit}'s intrinsic dimension); null when nothing is counted
 * @param dimsStd         latent dimensions whose std exceeds 1% of the largest (the LV paper's std
 *                        plots); null when nothing is counted
 * @param reconstruction  reconstruction MSE with every dimension kept, in eval mode, on the scaled data
 * @param lossTotal       total loss of the last step
 * @param lossData        reconstruction term of the last step
 * @param lossPenalty     penalty term of the last step (weighted)
 * @param steps           optimizer steps taken in all (a resumed run counts the earlier ones)
 * @param converged       whether the run met its convergence criterion, or null when the trainer has none
 * @param seconds         training time of the attempt that finished the run
 * @param sortedStds      latent stds, largest first
 * @param paper           the LV paper's scalar metrics from the run's evaluation; {@link PaperScores#NONE}
 *                        where the run has none (a run folder of an older lva)
 * @param noVariance      why a run without a count has none: true when its data has no variance, false
 *                        when the data varies (its code collapsed), null when not known (a run folder of
 *                        an older lva); false for a run with a count
 */
public record RunMetrics(Integer dimsExplained, Integer dimsStd, double reconstruction, double lossTotal, double lossData,
                         double lossPenalty, long steps, Boolean converged, double seconds, double[] sortedStds,
                         PaperScores paper, Boolean noVariance)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 4L;

    public RunMetrics {
        if ((dimsExplained == null) != (dimsStd == null)) {
            throw new IllegalArgumentException("a run has both counts or neither, got " + dimsExplained + " and "
                    + dimsStd);
        }
        sortedStds = sortedStds.clone();
        paper = paper == null ? PaperScores.NONE : paper;
        if (dimsExplained != null && Boolean.TRUE.equals(noVariance)) {
            throw new IllegalArgumentException("a run with a count has data with variance");
        }
    }

    /** The numbers of a run, the reason for a missing count not known (an older lva's run folder). */
    public RunMetrics(Integer dimsExplained, Integer dimsStd, double reconstruction, double lossTotal, double lossData,
                      double lossPenalty, long steps, Boolean converged, double seconds, double[] sortedStds,
                      PaperScores paper) {
        this(dimsExplained, dimsStd, reconstruction, lossTotal, lossData, lossPenalty, steps, converged, seconds,
                sortedStds, paper, dimsExplained == null ? null : false);
    }

    /** The numbers of a run without the paper's metrics. */
    public RunMetrics(Integer dimsExplained, Integer dimsStd, double reconstruction, double lossTotal, double lossData,
                      double lossPenalty, long steps, Boolean converged, double seconds, double[] sortedStds) {
        this(dimsExplained, dimsStd, reconstruction, lossTotal, lossData, lossPenalty, steps, converged, seconds,
                sortedStds, PaperScores.NONE);
    }

    /**
     * The numbers the sweep compares, as the run's summary states them: the counts as {@code lva fit}
     * states them (a collapsed code, or data without variance, has none), the last step's losses (NaN
     * where the summary has none: a run of no step, or one an older lva summarised), and the paper's
     * metrics of its evaluation (null each where the summary has none).
     */
    public static RunMetrics of(RunSummary s) {
        IntrinsicDimension v = s.verdict();
        StepLoss last = s.lastStep();
        double nan = Double.NaN;
        return new RunMetrics(v.counted() ? v.count() : null, v.counted() ? v.stdCount() : null,
                s.reconstructionMse(), last == null ? nan : last.total(), last == null ? nan : last.data(),
                last == null ? nan : last.penalty(), s.steps(), v.converged(), s.trainingSeconds(), s.stdsSorted(),
                PaperScores.of(s.more()), v.noVariance());
    }

    /** Whether the run has counts (its data varies and its code did not collapse). */
    public boolean counted() {
        return dimsExplained != null;
    }

    @Override
    public double[] sortedStds() {
        return sortedStds.clone();
    }
}
