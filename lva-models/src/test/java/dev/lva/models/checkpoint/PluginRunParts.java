package dev.lva.models.checkpoint;

import dev.lva.api.Optimizer;
import dev.lva.api.ResumableTrainer;
import dev.lva.api.StateDict;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.Trainer;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.api.TrainingState;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.TrainerProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainer and an optimizer of the test suite's own, as a user would write them as plugins: neither
 * is known to lva's checkpoint code, which must save and resume them through the API alone.
 * Public, so that {@link java.util.ServiceLoader} can create the providers.
 */
public final class PluginRunParts {
    private PluginRunParts() {
    }

    /** Full-batch steps, a fixed number of them; its state is the step count. */
    public static final class FixedSteps implements ResumableTrainer {
        private final int steps;

        FixedSteps(int steps) {
            this.steps = steps;
        }

        @Override
        public TrainingResult fit(TrainableModel model, Optimizer optimizer, TrainingData data,
                                  List<TrainingListener> listeners, StateDict from) {
            Run run = new Run(model, optimizer,
                    from == null ? 0 : (long) from.requireVersion(1, "fixed-steps").scalar("done", "fixed-steps"));
            listeners.forEach(l -> l.onStart(run));
            INDArray x = data.inputs();
            INDArray y = data.isAutoencoding() ? x : data.targets();
            StepLoss last = new StepLoss(Double.NaN, Double.NaN, Double.NaN);
            while (run.done < steps && run.stop == null) {
                last = model.computeGradients(x, y);
                optimizer.step(model.parameters(), model.gradients());
                run.done++;
                for (TrainingListener l : listeners) {
                    l.onStep(run, last);
                }
            }
            TrainingResult result = new TrainingResult(run.done, 0, last, run.stop == null
                    ? TrainingResult.StopReason.COMPLETED : TrainingResult.StopReason.REQUESTED,
                    run.stop == null ? "done" : run.stop, 0, new TrainingState(run.done, state(run.done),
                    optimizer.state(), Map.of()));
            listeners.forEach(l -> l.onEnd(run, result));
            return result;
        }

        private static StateDict state(long done) {
            return new StateDict(1, Map.of(), Map.of("done", (double) done));
        }

        private static final class Run implements TrainingRun {
            private final TrainableModel model;
            private final Optimizer optimizer;
            private long done;
            private String stop;

            Run(TrainableModel model, Optimizer optimizer, long done) {
                this.model = model;
                this.optimizer = optimizer;
                this.done = done;
            }

            @Override
            public TrainableModel model() {
                return model;
            }

            @Override
            public Optimizer optimizer() {
                return optimizer;
            }

            @Override
            public long step() {
                return done;
            }

            @Override
            public int epoch() {
                return 0;
            }

            @Override
            public void requestStop(String reason) {
                stop = reason;
            }

            @Override
            public Optional<StateDict> trainerState() {
                return Optional.of(state(done));
            }
        }
    }

    public record FixedStepsOptions(int steps) {
    }

    public static final class FixedStepsProvider implements TrainerProvider<FixedStepsOptions> {
        @Override
        public String name() {
            return "fixed-steps";
        }

        @Override
        public FixedStepsOptions defaultOptions() {
            return new FixedStepsOptions(10);
        }

        @Override
        public Trainer create(FixedStepsOptions options) {
            return new FixedSteps(options.steps());
        }
    }

    /** A trainer that cannot be resumed: checkpoints must refuse it, not guess. */
    public static final class PlainProvider implements TrainerProvider<FixedStepsOptions> {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public FixedStepsOptions defaultOptions() {
            return new FixedStepsOptions(1);
        }

        @Override
        public Trainer create(FixedStepsOptions options) {
            return (model, optimizer, data, listeners) -> {
                throw new UnsupportedOperationException("not run in this test");
            };
        }
    }

    /** Sign descent with a heavy-ball velocity: a per-parameter array and a step count to resume. */
    public static final class SignMomentum implements Optimizer {
        private double lr;
        private long steps;
        private double[] velocity;

        SignMomentum(double lr) {
            this.lr = lr;
        }

        @Override
        public void step(INDArray parameters, INDArray gradients) {
            int n = (int) parameters.length();
            if (velocity == null) {
                velocity = new double[n];
            }
            INDArray p = parameters.reshape(n);
            INDArray g = gradients.reshape(n);
            for (int i = 0; i < n; i++) {
                velocity[i] = 0.9 * velocity[i] + Math.signum(g.getDouble(i));
                p.putScalar(i, p.getDouble(i) - lr * velocity[i]);
            }
            steps++;
        }

        @Override
        public long iterations() {
            return steps;
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void setLearningRate(double learningRate) {
            lr = learningRate;
        }

        @Override
        public StateDict state() {
            return new StateDict(1, velocity == null ? Map.of() : Map.of("velocity",
                    Nd4j.createFromArray(velocity.clone()).castTo(DataType.DOUBLE)), Map.of("steps", (double) steps,
                    "lr", lr));
        }

        @Override
        public void loadState(StateDict state) {
            state.requireVersion(1, "sign-momentum");
            steps = (long) state.scalar("steps", "sign-momentum");
            lr = state.scalar("lr", "sign-momentum");
            velocity = state.arrays().containsKey("velocity")
                    ? state.array("velocity", "sign-momentum").toDoubleVector() : null;
        }
    }

    public record SignMomentumOptions(double lr) {
    }

    public static final class SignMomentumProvider implements OptimizerProvider<SignMomentumOptions> {
        @Override
        public String name() {
            return "sign-momentum";
        }

        @Override
        public SignMomentumOptions defaultOptions() {
            return new SignMomentumOptions(0.001);
        }

        @Override
        public Optimizer create(SignMomentumOptions options) {
            return new SignMomentum(options.lr());
        }
    }
}
