package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StateDict;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.checkpoint.TrainingSnapshot;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.LeastVolumeAutoencoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ResumeTest {
    private static final int EPOCHS = 8;
    /** 60 rows in batches of 16: 4 steps an epoch, 32 in all; N = 14 stops inside epoch 3. */
    private static final int N = 14;

    @TempDir
    Path dir;

    private static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static TrainingListener stopAt(long step) {
        return new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == step) {
                    run.requestStop("stop at " + step);
                }
            }
        };
    }

    /**
     * 2N steps straight, against N steps checkpointed, everything rebuilt from the file, and the
     * rest: the same bits, from the checkpoint at the stop and from an earlier periodic one alike.
     */
    @Test
    void resumingFromACheckpointIsBitIdentical() {
        INDArray x = TestRuns.curve(60);
        TrainingData data = TrainingData.autoencoding(x);
        TrainingSetup setup = TestRuns.lvae(EPOCHS);

        RunState straight = Checkpoints.start(setup, Extras.empty(), TestRuns.PLUGINS);
        TrainingResult all = straight.fit(data, List.of());
        assertEquals(2L * EPOCHS * 2, all.steps());
        LeastVolumeAutoencoder lvae = (LeastVolumeAutoencoder) straight.model();
        assertTrue(lvae.activeDimensions() < 3, "the run prunes, so the pruning state matters");

        RunState first = Checkpoints.start(setup, Extras.empty().withString("data", "curve"), TestRuns.PLUGINS);
        CheckpointListener saver = Checkpoints.listener(CheckpointListener.Options.everySteps(dir, 5).withKeep(10),
                first, TestRuns.PLUGINS);
        TrainingResult half = first.fit(data, List.of(stopAt(N), saver));
        assertEquals(TrainingResult.StopReason.REQUESTED, half.stopReason());
        CheckpointFolder folder = new CheckpointFolder(dir);
        assertEquals(List.of(5L, 10L, (long) N), folder.checkpoints().stream().map(CheckpointFolder::stepOf).toList(),
                "every 5 steps and at the end");
        assertEquals(folder.pathFor(N), saver.lastWritten().orElseThrow());

        for (long from : new long[] {N, 5}) {
            RunState resumed = Checkpoints.load(folder.pathFor(from), TestRuns.PLUGINS);
            assertEquals(from, resumed.progress().step());
            assertEquals("curve", resumed.extras().string("data"));
            TrainingResult rest = resumed.fit(data, List.of());
            assertEquals(all.steps(), rest.steps());
            assertArrayEquals(bits(straight.model().parameters()), bits(resumed.model().parameters()),
                    "bit-identical parameters after resuming at step " + from);
            Map<String, StateDict> a = straight.model().states();
            Map<String, StateDict> b = resumed.model().states();
            assertEquals(a.keySet(), b.keySet());
            assertTrue(a.containsKey(Checkpoints.PRUNING_STATE), "the model's states include its pruning: " + a.keySet());
            for (String k : a.keySet()) {
                for (String array : a.get(k).arrays().keySet()) {
                    assertArrayEquals(bits(a.get(k).array(array, k)), bits(b.get(k).array(array, k)), k + "/" + array);
                }
                assertEquals(a.get(k).scalars(), b.get(k).scalars(), k);
            }
            assertArrayEquals(bits(straight.optimizer().state().array("exp_avg_sq", "adam")),
                    bits(resumed.optimizer().state().array("exp_avg_sq", "adam")));
            LeastVolumeAutoencoder r = (LeastVolumeAutoencoder) resumed.model();
            assertArrayEquals(lvae.prunedDimensions(), r.prunedDimensions());
            assertArrayEquals(lvae.averagedStds(), r.averagedStds());
            assertEquals(all.lastLoss(), rest.lastLoss(), "the same last loss, to the bit");
        }
    }

    /** A finished run given more epochs continues as if it had been asked for them at the start. */
    @Test
    void aFinishedRunGivenMoreEpochsMatchesTheLongerRun() {
        TrainingData data = TrainingData.autoencoding(TestRuns.curve(60));
        RunState longer = Checkpoints.start(TestRuns.lvae(5), Extras.empty(), TestRuns.PLUGINS);
        longer.fit(data, List.of());
        RunState shorter = Checkpoints.start(TestRuns.lvae(2), Extras.empty(), TestRuns.PLUGINS);
        CheckpointListener saver = Checkpoints.listener(new CheckpointListener.Options(dir, 0, 0, 1, true), shorter,
                TestRuns.PLUGINS);
        assertTrue(shorter.fit(data, List.of(saver)).completed());
        RunState more = Checkpoints.load(saver.lastWritten().orElseThrow(), TestRuns.PLUGINS)
                .withTrainer(TestRuns.lvae(5).trainer());
        assertEquals(8, more.progress().step());
        assertEquals(20, more.fit(data, List.of()).steps());
        assertArrayEquals(bits(longer.model().parameters()), bits(more.model().parameters()));
    }

    /**
     * A NaN in the data from step 8 on: the run stops naming the step, the checkpoint of step 6
     * stays as it was, nothing after it is written, and it resumes.
     */
    @Test
    void aNonFiniteLossLeavesTheLastGoodCheckpointIntact() throws Exception {
        INDArray x = TestRuns.curve(40);
        TrainingData data = TrainingData.autoencoding(x);
        TrainingSetup setup = TestRuns.lvae(1).withTrainer(TrainerOptions.fullBatch(50));
        RunState run = Checkpoints.start(setup, Extras.empty(), TestRuns.PLUGINS);
        byte[][] sixth = new byte[1][];
        float[][] paramsAtSix = new float[1][];
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onStep(TrainingRun r, StepLoss loss) {
                if (r.step() == 6) {
                    paramsAtSix[0] = bits(r.model().parameters());
                    try {
                        sixth[0] = Files.readAllBytes(new CheckpointFolder(dir).pathFor(6));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                if (r.step() == 7) {
                    // the trainer trains on this very array (full batch), so step 8 sees the NaN
                    x.putScalar(3, 1, Double.NaN);
                }
            }
        };
        CheckpointListener saver = Checkpoints.listener(CheckpointListener.Options.everySteps(dir, 3), run,
                TestRuns.PLUGINS);
        TrainingResult result = run.fit(data, List.of(saver, poison));
        assertEquals(TrainingResult.StopReason.NON_FINITE_LOSS, result.stopReason());
        assertTrue(result.message().startsWith("loss became NaN at step 8"), result.message());
        assertEquals(7, result.steps());

        CheckpointFolder folder = new CheckpointFolder(dir);
        assertEquals(List.of(3L, 6L), folder.checkpoints().stream().map(CheckpointFolder::stepOf).toList());
        assertArrayEquals(sixth[0], Files.readAllBytes(folder.pathFor(6)), "the last good checkpoint is untouched");
        for (Path p : folder.checkpoints()) {
            assertNull(CheckpointFile.read(p).firstNonFiniteValue(), p + " holds only finite parameters");
        }
        RunState resumed = Checkpoints.load(folder.latest().orElseThrow(), TestRuns.PLUGINS);
        assertArrayEquals(paramsAtSix[0], bits(resumed.model().parameters()));
        INDArray clean = TestRuns.curve(40);
        TrainingResult rest = resumed.fit(TrainingData.autoencoding(clean), List.of(stopAt(10)));
        assertEquals(10, rest.steps());
        assertTrue(rest.lastLoss().isFinite());
    }

    /** A snapshot with a non-finite parameter is never written, whatever produced it. */
    @Test
    void neverWritesNonFiniteParameters() {
        RunState run = Checkpoints.start(TestRuns.lvae(1), Extras.empty(), TestRuns.PLUGINS);
        CheckpointListener.SnapshotSource real = Checkpoints.source(run.setup(), run.extras(), TestRuns.PLUGINS);
        CheckpointListener saver = new CheckpointListener(CheckpointListener.Options.everySteps(dir, 1), r -> {
            TrainingSnapshot s = real.capture(r);
            if (r.step() >= 2) {
                s.parameters().get("decoder.0.weight").putScalar(0, 0, Float.POSITIVE_INFINITY);
            }
            return s;
        });
        run.fit(TrainingData.autoencoding(TestRuns.curve(60)), List.of(saver));
        assertEquals(List.of(1L), new CheckpointFolder(dir).checkpoints().stream().map(CheckpointFolder::stepOf)
                .toList());
    }

    /**
     * At the start the listener removes what a killed write left and refuses a folder that holds
     * checkpoints of later steps (another run's): "keep the last k" would delete the new ones.
     */
    @Test
    void startCleansTemporaryFilesAndRefusesAnotherRunsFolder() throws Exception {
        INDArray x = TestRuns.curve(60);
        RunState run = Checkpoints.start(TestRuns.lvae(2), Extras.empty(), TestRuns.PLUGINS);
        Path tmp = dir.resolve(".checkpoint-00000004.zip.5eed.tmp");
        Files.write(tmp, new byte[] {'P', 'K', 3, 4, 20, 0, 0});
        run.fit(TrainingData.autoencoding(x), List.of(Checkpoints.listener(
                CheckpointListener.Options.everySteps(dir, 4).withKeep(1), run, TestRuns.PLUGINS)));
        assertFalse(Files.exists(tmp));
        CheckpointFolder folder = new CheckpointFolder(dir);
        assertEquals(List.of(folder.pathFor(8)), folder.checkpoints(), "keeps the last one only");

        RunState fresh = Checkpoints.start(TestRuns.lvae(2), Extras.empty(), TestRuns.PLUGINS);
        CheckpointException e = assertThrows(CheckpointException.class, () -> fresh.fit(
                TrainingData.autoencoding(x), List.of(Checkpoints.listener(
                        CheckpointListener.Options.everySteps(dir, 4), fresh, TestRuns.PLUGINS))));
        assertEquals("checkpoint folder " + dir + " holds checkpoint-00000008.zip, later than this run's step 0; "
                + "resume from it, or use another folder", e.getMessage());
    }

    /** Every T seconds: with a tiny T, a checkpoint after every step (no timing is asserted). */
    @Test
    void writesEveryFewSeconds() {
        RunState run = Checkpoints.start(TestRuns.lvae(1), Extras.empty(), TestRuns.PLUGINS);
        CheckpointListener saver = Checkpoints.listener(new CheckpointListener.Options(dir, 0, 1e-9, 2, false), run,
                TestRuns.PLUGINS);
        run.fit(TrainingData.autoencoding(TestRuns.curve(60)), List.of(saver));
        assertEquals(4, saver.written());
        assertEquals(List.of(3L, 4L), new CheckpointFolder(dir).checkpoints().stream().map(CheckpointFolder::stepOf)
                .toList());
    }
}
