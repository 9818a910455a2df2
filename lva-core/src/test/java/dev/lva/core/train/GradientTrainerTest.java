package dev.lva.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.core.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GradientTrainerTest {
    private static final int[] SMALL = {8, 8};

    private static TestAutoencoder model(long seed) {
        return new TestAutoencoder(3, 3, SMALL, true, 0.01, 0.01, seed, DataType.FLOAT);
    }

    @Test
    void sameSeedSameNumbers() {
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        TestAutoencoder a = model(1);
        TestAutoencoder b = model(1);
        GradientTrainer trainer = new GradientTrainer(TrainerOptions.minibatch(3, 32, 9));
        trainer.fit(a, Adam.adam(1e-3), TrainingData.autoencoding(x), List.of());
        trainer.fit(b, Adam.adam(1e-3), TrainingData.autoencoding(x), List.of());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.parameters().toDoubleVector(),
                b.parameters().toDoubleVector(), "the same bits");
        TestAutoencoder c = model(1);
        new GradientTrainer(TrainerOptions.minibatch(3, 32, 10)).fit(c, Adam.adam(1e-3), TrainingData.autoencoding(x),
                List.of());
        assertNotEquals(a.parameters(), c.parameters(), "another shuffling seed, other numbers");
    }

    @Test
    void onTwoThreadsTheSameSeedGivesTheSameBitsAndOneThreadsNumbersToRounding() {
        // wide enough that products, activations and Adam are all cut over the threads
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 512, 32);
        int[] wide = {256, 256};
        INDArray[] params = new INDArray[3];
        try {
            for (int run = 0; run < 3; run++) {
                dev.lva.core.Engine.setThreads(run == 0 ? 1 : 2);
                TestAutoencoder m = new TestAutoencoder(32, 8, wide, true, 0.01, 0.01, 4, DataType.FLOAT);
                new GradientTrainer(TrainerOptions.minibatch(2, 256, 3)).fit(m, Adam.adam(1e-3),
                        TrainingData.autoencoding(x), List.of());
                params[run] = m.parameters().dup();
            }
        } finally {
            dev.lva.core.Engine.setThreads(1);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(params[1].toFloatVector(), params[2].toFloatVector(),
                "two threads, same seed: same bits");
        double drift = params[0].sub(params[1]).amaxNumber().doubleValue();
        assertTrue(drift < 1e-4, "one thread vs two differ by rounding only, got " + drift);
    }

    @Test
    void minibatchesKeepTheLastPartialBatchAndReportEveryStep() {
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        List<Long> steps = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                steps.add(run.step());
            }

            @Override
            public void onEpochEnd(TrainingRun run, int epoch, double meanLoss) {
                epochs.add(epoch);
                assertTrue(Double.isFinite(meanLoss));
            }
        };
        TrainingResult r = new GradientTrainer(TrainerOptions.minibatch(2, 32, 0)).fit(model(0), Adam.adam(1e-3),
                TrainingData.autoencoding(x), List.of(listener));
        // 100 rows in batches of 32: 32, 32, 32, 4 -> 4 steps per epoch
        assertEquals(8, r.steps());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), steps);
        assertEquals(List.of(0, 1), epochs);
        assertTrue(r.completed());
    }

    @Test
    void nonFiniteLossStopsBeforeTheStepAndNamesIt() {
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        TestAutoencoder inner = model(0);
        TrainableModel exploding = new TrainableModel() {
            int calls;

            @Override
            public StepLoss computeGradients(INDArray inputs, INDArray targets) {
                StepLoss l = inner.computeGradients(inputs, targets);
                return ++calls == 5 ? StepLoss.of(Double.NaN, l.penalty()) : l;
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
        };
        INDArray[] afterFour = new INDArray[1];
        TrainingListener snapshot = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == 4) {
                    afterFour[0] = run.model().parameters().dup();
                }
            }
        };
        TrainingResult r = new GradientTrainer(TrainerOptions.fullBatch(10)).fit(exploding, Adam.adam(1e-3),
                TrainingData.autoencoding(x), List.of(snapshot));
        assertEquals(TrainingResult.StopReason.NON_FINITE_LOSS, r.stopReason());
        assertEquals(4, r.steps());
        assertTrue(r.message().startsWith("loss became NaN at step 5 (epoch 4"), r.message());
        assertEquals(afterFour[0], exploding.parameters(), "the bad step was not applied");
    }

    @Test
    void resumingFromProgressIsBitIdentical() {
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        TrainerOptions options = TrainerOptions.minibatch(4, 32, 5);
        TestAutoencoder straight = model(2);
        Adam straightOpt = Adam.adam(1e-3);
        new GradientTrainer(options).fit(straight, straightOpt, TrainingData.autoencoding(x), List.of());

        TestAutoencoder first = model(2);
        Adam firstOpt = Adam.adam(1e-3);
        GradientTrainer.Run[] stoppedAt = new GradientTrainer.Run[1];
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == 7) {
                    run.requestStop("test stop");
                    stoppedAt[0] = (GradientTrainer.Run) run;
                }
            }
        };
        TrainingResult half = new GradientTrainer(options).fit(first, firstOpt, TrainingData.autoencoding(x),
                List.of(stopper));
        assertEquals(TrainingResult.StopReason.REQUESTED, half.stopReason());
        Progress progress = stoppedAt[0].progress();
        assertEquals(7, progress.step());
        assertEquals(1, progress.epoch());
        assertEquals(3, progress.batchInEpoch());

        // a fresh model and optimizer restored from copies, as a checkpoint would do
        TestAutoencoder resumed = model(99);
        resumed.parameters().assign(first.parameters());
        resumed.encoder.loadStates(first.encoder.states());
        resumed.decoder.loadStates(first.decoder.states());
        Adam resumedOpt = Adam.adam(1e-3);
        resumedOpt.loadState(firstOpt.state());
        TrainingResult rest = new GradientTrainer(options).fit(resumed, resumedOpt, TrainingData.autoencoding(x),
                List.of(), progress);
        assertEquals(16, rest.steps());
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.parameters().toDoubleVector(),
                resumed.parameters().toDoubleVector(), "bit-identical to the uninterrupted run");
    }

    @Test
    void badBatchSizeIsAClearError() {
        INDArray x = SeedWorkload.data(DataType.FLOAT);
        LvaException e = assertThrows(LvaException.class, () -> new GradientTrainer(TrainerOptions.minibatch(1, 101, 0))
                .fit(model(0), Adam.adam(1e-3), TrainingData.autoencoding(x), List.of()));
        assertEquals("batch size 101 is larger than the data (100 rows)", e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }
}
