package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StateDict;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.ConvLeastVolumeAutoencoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolutional least-volume autoencoder resumes exactly: the operator norms' u and v (shaped like
 * images), the linear spectral norm's, the pruning state, Adam's moments and the shuffling all come
 * back from the checkpoint.
 */
class ConvResumeTest {
    private static final int EPOCHS = 6;
    /** 60 images in batches of 16: 4 steps an epoch; 9 stops inside epoch 2, after pruning began. */
    private static final int STOP = 9;

    @TempDir
    Path dir;

    private static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    static TrainingSetup convRun() {
        PluginSpec model = PluginSpec.parse("conv-lvae:imageChannels=1,height=8,width=8,channels=4;8,latent=4,"
                + "pruning=plummet:threshold=0.9,pruneFrom=1,seed=3");
        return new TrainingSetup(model, PluginSpec.parse("adam:lr=0.01"), TrainerOptions.minibatch(EPOCHS, 16, 7), 3);
    }

    @Test
    void resumingAConvModelIsBitIdentical() {
        TrainingData data = TrainingData.autoencoding(GaussianBlobs.generate(60, 8, 5));
        RunState straight = Checkpoints.start(convRun(), Extras.empty(), TestRuns.PLUGINS);
        TrainingResult all = straight.fit(data, List.of());
        ConvLeastVolumeAutoencoder conv = assertInstanceOf(ConvLeastVolumeAutoencoder.class, straight.model());
        assertTrue(conv.activeDimensions() < 4, "the run prunes, so the pruning state matters");

        RunState first = Checkpoints.start(convRun(), Extras.empty(), TestRuns.PLUGINS);
        CheckpointListener saver = Checkpoints.listener(CheckpointListener.Options.everySteps(dir, 100), first,
                TestRuns.PLUGINS);
        first.fit(data, List.of(new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == STOP) {
                    run.requestStop("stop at " + STOP);
                }
            }
        }, saver));
        Path checkpoint = new CheckpointFolder(dir).pathFor(STOP);
        RunState resumed = Checkpoints.load(checkpoint, TestRuns.PLUGINS);
        assertEquals(STOP, resumed.progress().step());
        TrainingResult rest = resumed.fit(data, List.of());
        assertEquals(all.steps(), rest.steps());
        assertArrayEquals(bits(straight.model().parameters()), bits(resumed.model().parameters()));
        Map<String, StateDict> a = straight.model().states();
        Map<String, StateDict> b = resumed.model().states();
        assertEquals(a.keySet(), b.keySet());
        assertEquals(3, a.size(), "the decoder Linear's spectral norm, the transposed convolution's operator norm and"
                + " the pruning state: " + a.keySet());
        for (String k : a.keySet()) {
            for (String array : a.get(k).arrays().keySet()) {
                assertArrayEquals(bits(a.get(k).array(array, k)), bits(b.get(k).array(array, k)), k + "/" + array);
            }
        }
        ConvLeastVolumeAutoencoder r = (ConvLeastVolumeAutoencoder) resumed.model();
        assertArrayEquals(conv.prunedDimensions(), r.prunedDimensions());
        assertArrayEquals(conv.averagedStds(), r.averagedStds());
        assertEquals(all.lastLoss(), rest.lastLoss(), "the same last loss, to the bit");
    }
}
