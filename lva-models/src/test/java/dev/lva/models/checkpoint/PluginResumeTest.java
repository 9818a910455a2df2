package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.checkpoint.TrainingSnapshot;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainer plugin and an optimizer plugin of the test suite's own ({@link PluginRunParts}), found
 * through service files in a folder of the test's own: checkpointed and resumed exactly, by name,
 * with nothing in lva's checkpoint code that knows them.
 */
class PluginResumeTest {
    @TempDir
    Path dir;

    private Plugins plugins() throws IOException {
        Path services = Files.createDirectories(dir.resolve("classes/META-INF/services"));
        Files.writeString(services.resolve("dev.lva.api.plugin.TrainerProvider"),
                PluginRunParts.FixedStepsProvider.class.getName() + "\n" + PluginRunParts.PlainProvider.class.getName()
                        + "\n");
        Files.writeString(services.resolve("dev.lva.api.plugin.OptimizerProvider"),
                PluginRunParts.SignMomentumProvider.class.getName() + "\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader());
        return Plugins.discover(loader);
    }

    private static TrainingSetup setup(String trainer) {
        return new TrainingSetup(TestRuns.lvae(1).model(), PluginSpec.parse("sign-momentum:lr=0.002"),
                PluginSpec.parse(trainer), 3);
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

    private static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    @Test
    void aTrainerPluginAndAnOptimizerPluginResumeExactly() throws IOException {
        Plugins plugins = plugins();
        TrainingData data = TrainingData.autoencoding(TestRuns.curve(40));
        RunState straight = Checkpoints.start(setup("fixed-steps:steps=9"), Extras.empty(), plugins);
        TrainingResult all = straight.fit(data, List.of());
        assertEquals(9, all.steps());

        RunState first = Checkpoints.start(setup("fixed-steps:steps=9"), Extras.empty(), plugins);
        Path folder = dir.resolve("checkpoints");
        CheckpointListener saver = Checkpoints.listener(CheckpointListener.Options.everySteps(folder, 100), first,
                plugins);
        TrainingResult part = first.fit(data, List.of(stopAt(4), saver));
        assertEquals(4, part.steps());
        Path file = new CheckpointFolder(folder).latest().orElseThrow();

        TrainingSnapshot s = CheckpointFile.read(file);
        assertEquals("fixed-steps", s.setup().trainerPlugin().name(), "the trainer's name is its provider's");
        assertEquals(4, s.step());
        assertEquals(4.0, s.trainerState().scalar("done", "test"));
        assertTrue(s.plugins().stream().anyMatch(v -> v.kind().equals("trainer") && v.name().equals("fixed-steps")
                && v.provider().equals(PluginRunParts.FixedStepsProvider.class.getName())), s.plugins().toString());
        assertTrue(s.plugins().stream().anyMatch(v -> v.kind().equals("pruning policy") && v.name().equals("plummet")),
                "the pruning policy inside the model's options, as its provider declares it: " + s.plugins());

        RunState resumed = Checkpoints.load(file, plugins);
        assertInstanceOf(PluginRunParts.FixedSteps.class, resumed.trainer());
        assertInstanceOf(PluginRunParts.SignMomentum.class, resumed.optimizer());
        assertEquals(4, resumed.step());
        TrainingResult rest = resumed.fit(data, List.of());
        assertEquals(9, rest.steps());
        assertArrayEquals(values(straight.model().parameters()), values(resumed.model().parameters()),
                "the same parameters as the uninterrupted run");
        assertArrayEquals(values(straight.optimizer().state().array("velocity", "test")),
                values(resumed.optimizer().state().array("velocity", "test")));
        assertEquals(9.0, resumed.optimizer().state().scalar("steps", "test"));
    }

    @Test
    void theFinalStateOfAPluginTrainerIsCheckpointedWithoutCasts() throws IOException {
        Plugins plugins = plugins();
        TrainingData data = TrainingData.autoencoding(TestRuns.curve(40));
        RunState run = Checkpoints.start(setup("fixed-steps:steps=3"), Extras.empty(), plugins);
        TrainingResult result = run.fit(data, List.of());
        assertEquals(3, result.finalState().step());
        TrainingSnapshot s = Checkpoints.capture(run, result, plugins);
        assertEquals(3, s.step());
        assertEquals(3.0, s.optimizerState().scalar("steps", "test"));
        Path file = dir.resolve("final.zip");
        Checkpoints.save(file, s);
        RunState back = Checkpoints.load(file, plugins);
        assertArrayEquals(values(run.model().parameters()), values(back.model().parameters()));
        assertEquals(3, back.fit(data, List.of()).steps(), "nothing is left to do");
    }

    @Test
    void aTrainerThatCannotBeResumedIsRefusedByName() throws IOException {
        Plugins plugins = plugins();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.start(setup("plain"), Extras.empty(), plugins));
        assertTrue(e.getMessage().startsWith("trainer 'plain' ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("cannot be resumed from a checkpoint: it does not implement"
                + " dev.lva.api.ResumableTrainer"), e.getMessage());
    }
}
