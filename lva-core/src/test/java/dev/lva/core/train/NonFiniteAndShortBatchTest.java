package dev.lva.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingResult.StopReason;
import dev.lva.api.TrainingRun;
import dev.lva.core.optim.Adam;
import dev.lva.core.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the trainer keeps out of a run: a NaN or infinite gradient is never applied, a step that
 * leaves the optimizer's state or the parameters non-finite stops the run, and a short last batch
 * is merged into the one before instead of reaching a penalty that needs more rows.
 */
class NonFiniteAndShortBatchTest {

    /** The seed workload's model whose gradient the test spoils from a chosen call on. */
    private static final class Spoiled implements TrainableModel {
        final TestAutoencoder inner = new TestAutoencoder(3, 3, new int[] {8, 8}, true, 0.01, 0.01, 0,
                DataType.FLOAT);
        final int atCall;
        final IntConsumer spoil;
        final List<Integer> batchRows = new ArrayList<>();
        int calls;

        Spoiled(int atCall, IntConsumer spoil) {
            this.atCall = atCall;
            this.spoil = spoil;
        }

        @Override
        public StepLoss computeGradients(INDArray inputs, INDArray targets) {
            batchRows.add((int) inputs.rows());
            StepLoss l = inner.computeGradients(inputs, targets);
            if (++calls >= atCall && atCall > 0) {
                spoil.accept(calls);
            }
            return l;
        }

        @Override
        public int minBatchRows() {
            return inner.minBatchRows();
        }

        @Override
        public INDArray gradients() {
            return inner.gradients();
        }

        @Override
        public INDArray forward(INDArray input) {
            return inner.forward(input);
        }

        @Override
        public INDArray parameters() {
            return inner.parameters();
        }

        @Override
        public void setTraining(boolean training) {
            inner.setTraining(training);
        }

        @Override
        public boolean isTraining() {
            return inner.isTraining();
        }
    }

    private static TrainingListener keepAfter(long step, INDArray[] into) {
        return new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == step) {
                    into[0] = run.model().parameters().dup();
                }
            }
        };
    }

    @Test
    void aNonFiniteGradientWithAFiniteLossIsCaughtBeforeItIsApplied() {
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        Spoiled[] model = new Spoiled[1];
        model[0] = new Spoiled(5, call -> model[0].gradients().putScalar(7, Float.NaN));
        INDArray[] afterFour = new INDArray[1];
        Adam adam = Adam.adam(1e-3);
        TrainingResult r = new GradientTrainer(TrainerOptions.fullBatch(10)).fit(model[0], adam,
                TrainingData.autoencoding(x), List.of(keepAfter(4, afterFour)));
        assertEquals(StopReason.NON_FINITE_GRADIENT, r.stopReason(), r.message());
        assertTrue(r.nonFinite());
        assertEquals(4, r.steps());
        assertTrue(r.message().startsWith("gradient[7] = NaN at step 5 (epoch 4"), r.message());
        assertTrue(r.message().contains("parameters are those after step 4"), r.message());
        assertTrue(java.util.Arrays.equals(afterFour[0].toFloatVector(), model[0].parameters().toFloatVector()),
                "the bad gradient was not applied");
        assertNull(adam.nonFiniteState(), "nor did it reach the optimizer's state");
        assertEquals(4, adam.iterations());
    }

    @Test
    void aGradientWhoseSquareOverflowsFloat32StopsTheRunAtThatStep() {
        // finite, but (1 - beta2) * g * g = 1e39 > Float.MAX_VALUE: Adam's second moment becomes infinite
        // while the update (m / sqrt(v) = 0) and so the loss stay finite
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        Spoiled[] model = new Spoiled[1];
        model[0] = new Spoiled(3, call -> model[0].gradients().putScalar(11, 1e21f));
        Adam adam = Adam.adam(1e-3);
        TrainingResult r = new GradientTrainer(TrainerOptions.fullBatch(10)).fit(model[0], adam,
                TrainingData.autoencoding(x), List.of());
        assertEquals(StopReason.NON_FINITE_STATE, r.stopReason(), r.message());
        assertEquals(2, r.steps(), "steps 1 and 2 were good");
        assertTrue(r.message().startsWith("step 3 (epoch 2"), r.message());
        assertTrue(r.message().contains("optimizer state exp_avg_sq[11] = Infinity"), r.message());
        assertEquals("exp_avg_sq[11] = Infinity", adam.nonFiniteState());
    }

    @Test
    void sgdMomentumThatOverflowsStopsTheRun() {
        // 3e38 is a finite float32; the momentum buffer 0.9 * 3e38 + 3e38 at the third step is not
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        Spoiled[] model = new Spoiled[1];
        model[0] = new Spoiled(2, call -> model[0].gradients().putScalar(3, 3e38f));
        Sgd sgd = new Sgd(1e-30, 0.9, 0, false, 0);
        TrainingResult r = new GradientTrainer(TrainerOptions.fullBatch(10)).fit(model[0], sgd,
                TrainingData.autoencoding(x), List.of());
        assertEquals(StopReason.NON_FINITE_STATE, r.stopReason(), r.message());
        assertEquals(2, r.steps());
        assertTrue(r.message().contains("optimizer state momentum_buffer[3] = Infinity"), r.message());
    }

    @Test
    void aShortLastBatchJoinsTheOneBeforeForAPenaltyOnStandardDeviations() {
        // 101 rows in batches of 50 leave one row, whose standard deviation the volume penalty cannot take
        INDArray x = Nd4j.rand(DataType.FLOAT, 101, 3);
        Spoiled model = new Spoiled(-1, call -> { });
        TrainingResult r = new GradientTrainer(TrainerOptions.minibatch(3, 50, 4)).fit(model, Adam.adam(1e-3),
                TrainingData.autoencoding(x), List.of());
        assertEquals(StopReason.COMPLETED, r.stopReason(), r.message());
        assertEquals(List.of(50, 51, 50, 51, 50, 51), model.batchRows, "every row once an epoch, no batch of one");
        assertEquals(6, r.steps());
    }

    @Test
    void aModelWithoutSuchAPenaltyKeepsItsLastBatchOfOneRow() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 101, 3);
        assertEquals(new Batches(50, 3, 1), Batches.plan(101, 50, 1));
        assertEquals(new Batches(50, 2, 51), Batches.plan(101, 50, 2));
        assertEquals(new Batches(101, 1, 101), Batches.plan(101, 0, 2));
        assertTrue(Batches.plan(101, 50, 2).mergedLast());
        assertEquals(List.of(1), List.of(Batches.plan(1, 0, 1).perEpoch()));
        assertNotNull(x);
    }

    @Test
    void batchesTooSmallForThePenaltyAreRefusedBeforeTheFirstStep() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 3);
        Spoiled model = new Spoiled(-1, call -> { });
        LvaException e = assertThrows(LvaException.class, () -> new GradientTrainer(TrainerOptions.minibatch(1, 1, 0))
                .fit(model, Adam.adam(1e-3), TrainingData.autoencoding(x), List.of()));
        assertEquals("batch size 1 is too small: the model's penalty needs at least 2 rows a batch (a standard "
                + "deviation of one row is undefined)", e.getMessage());
        assertTrue(model.batchRows.isEmpty(), "no step was taken");
        LvaException one = assertThrows(LvaException.class, () -> new GradientTrainer(TrainerOptions.fullBatch(1))
                .fit(model, Adam.adam(1e-3), TrainingData.autoencoding(Nd4j.rand(DataType.FLOAT, 1, 3)), List.of()));
        assertTrue(one.getMessage().endsWith("the data has 1 row"), one.getMessage());
    }

    /**
     * A plugin's expression penalty asking for more rows than the data has was called "the Expression penalty"
     * (its class, whatever the plugin) with a standard deviation's reason; it is called by its own name.
     */
    @Test
    void aPluginPenaltyNeedingMoreRowsIsNamedByItsOwnName() {
        dev.lva.api.Regularizer penalty = dev.lva.api.autodiff.ExpressionRegularizer.of("needs-1000-rows", 0.01, 1000,
                z -> z.columnStd().mean());
        LvaException e = assertThrows(LvaException.class,
                () -> TrainingChecks.requireBatches(100, TrainerOptions.fullBatch(1), penalty));
        assertEquals("the 'needs-1000-rows' penalty needs at least 1000 rows a batch (its minRows()); the data has 100"
                + " rows", e.getMessage());
        dev.lva.api.Regularizer two = dev.lva.api.autodiff.ExpressionRegularizer.of("my-volume", 0.01, 2,
                z -> z.columnStd().mean());
        assertEquals("batch size 1 is too small: the 'my-volume' penalty needs at least 2 rows a batch (a standard"
                + " deviation of one row is undefined)", assertThrows(LvaException.class,
                () -> TrainingChecks.requireBatches(100, TrainerOptions.minibatch(1, 1, 0), two)).getMessage());
    }
}
