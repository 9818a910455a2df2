package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import dev.lva.run.LossHistory;
import dev.lva.viz.Figure;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a model as the course's loops do and prints the loss ten times along the way, keeping
 * the loss history for the loss curve.
 */
final class CourseTraining {
    /** Loss lines printed per run, as the course prints every tenth of its epochs. */
    static final int PRINTS = 10;

    /** A finished run: how it ended, the thinned loss per step, and the wall time of the training. */
    record Outcome(TrainingResult result, LossHistory history, Duration time) {
        /** The loss curve on a log axis: the total, and its data and penalty terms when there is a penalty. */
        Figure lossCurve(String title) {
            double[] steps = history.steps();
            List<Series> series = new ArrayList<>();
            series.add(Series.of("loss", steps, CourseData.positive(history.total())));
            double[] penalty = history.penalty();
            if (java.util.Arrays.stream(penalty).anyMatch(p -> p != 0)) {
                series.add(Series.of("data term", steps, CourseData.positive(history.data())));
                series.add(Series.of("penalty", steps, CourseData.positive(penalty)));
            }
            return LinePlot.of(PlotOptions.titled(title).withLabels("step", "loss").withLogY(true), series);
        }
    }

    private CourseTraining() {
    }

    static Outcome fit(TrainableModel model, Optimizer optimizer, TrainingData data, TrainerOptions options,
                       PrintWriter out) {
        int batch = options.batchSize() == 0 ? data.rows() : options.batchSize();
        long steps = (long) options.epochs() * ((data.rows() + batch - 1) / batch);
        LossHistory history = new LossHistory(steps, 2000);
        long t0 = System.nanoTime();
        TrainingResult result = new GradientTrainer(options).fit(model, optimizer, data,
                List.of(history, new LossPrinter(options.epochs(), out)));
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        if (result.nonFinite()) {
            throw new LvaException("training stopped: " + result.message());
        }
        return new Outcome(result, history, time);
    }

    /**
     * Prints the epoch's mean loss every tenth of the run and at its end; with a penalty, also the
     * last step's data and penalty terms. In a full-batch run the epoch's loss is the step's loss,
     * computed before the update, as the course's {@code loss.item()}.
     */
    static final class LossPrinter implements TrainingListener {
        private final int epochs;
        private final int every;
        private final PrintWriter out;
        private final int width;
        private StepLoss last;

        LossPrinter(int epochs, PrintWriter out) {
            this.epochs = epochs;
            this.every = Math.max(1, epochs / PRINTS);
            this.out = out;
            this.width = Integer.toString(epochs).length();
        }

        @Override
        public void onStep(TrainingRun run, StepLoss loss) {
            last = loss;
        }

        @Override
        public void onEpochEnd(TrainingRun run, int epoch, double meanLoss) {
            int done = epoch + 1;
            if (done % every != 0 && done != epochs) {
                return;
            }
            String line = String.format(Locale.ROOT, "epoch %" + width + "d/%d  loss %.6g", done, epochs, meanLoss);
            if (last != null && last.penalty() != 0) {
                line += String.format(Locale.ROOT, "  (last step: data %.6g, penalty %.6g)", last.data(),
                        last.penalty());
            }
            out.println(line);
            out.flush();
        }
    }
}
