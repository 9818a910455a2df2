package dev.lva.models.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.api.TrainingState;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.nn.activation.Tanh;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.AutoEncoder;
import dev.lva.models.checkpoint.Checkpoints;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model built in code, not a plugin, trained by the trainer and optimizer made with {@code new}:
 * checkpointed from the result the training call returns and resumed into the same architecture
 * built again, with no plugin registration and no casts, bit for bit as an uninterrupted run.
 */
class CodeBuiltResumeTest {
    @TempDir
    Path dir;

    private static AutoEncoder model(int hidden, long seed) {
        Sequential encoder = Sequential.of(Shape.features(4), new Linear(4, hidden), new Tanh(), new Linear(hidden, 2));
        Sequential decoder = Sequential.of(Shape.features(2), new Linear(2, hidden), new Tanh(), new Linear(hidden, 4));
        return new AutoEncoder(encoder, decoder, 4, seed);
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

    @Test
    void aModelBuiltInCodeSavesAndResumesExactly() {
        Nd4j.getRandom().setSeed(5);
        TrainingData data = TrainingData.autoencoding(Nd4j.rand(DataType.FLOAT, 20, 4));
        GradientTrainer trainer = new GradientTrainer(TrainerOptions.minibatch(4, 8, 5));

        AutoEncoder straight = model(6, 11);
        Adam straightAdam = Adam.adam(0.01);
        TrainingResult all = trainer.fit(straight, straightAdam, data, List.of());

        AutoEncoder first = model(6, 11);
        Adam firstAdam = Adam.adam(0.01);
        TrainingResult part = trainer.fit(first, firstAdam, data, List.of(stopAt(5)));
        assertEquals(5, part.finalState().step());
        Path file = dir.resolve("custom.zip");
        Checkpoints.save(file, first, firstAdam, trainer, part);

        AutoEncoder again = model(6, 99);
        Adam againAdam = Adam.adam(0.01);
        assertFalse(straight.parameters().equals(again.parameters()), "another seed starts elsewhere");
        TrainingState state = Checkpoints.loadInto(file, again, againAdam);
        assertEquals(5, state.step());
        TrainingResult rest = trainer.fit(again, againAdam, data, List.of(), state.trainer());
        assertEquals(all.steps(), rest.steps());
        assertArrayEquals(straight.parameters().data().asFloat(), again.parameters().data().asFloat());
        assertArrayEquals(straightAdam.state().array("exp_avg_sq", "adam").data().asFloat(),
                againAdam.state().array("exp_avg_sq", "adam").data().asFloat());
    }

    @Test
    void anotherArchitectureIsRefusedNamingTheFirstMismatch() {
        TrainingData data = TrainingData.autoencoding(Nd4j.rand(DataType.FLOAT, 10, 4));
        GradientTrainer trainer = new GradientTrainer(TrainerOptions.fullBatch(2));
        AutoEncoder m = model(6, 1);
        Adam adam = Adam.adam(0.01);
        TrainingResult r = trainer.fit(m, adam, data, List.of());
        Path file = dir.resolve("six.zip");
        Checkpoints.save(file, m, adam, trainer, r);
        AutoEncoder wider = model(7, 1);
        INDArray before = wider.parameters().dup();
        String message = assertThrows(CheckpointException.class,
                () -> Checkpoints.loadInto(file, wider, Adam.adam(0.01))).getMessage();
        assertEquals(file + ": parameter 'encoder.0.weight' has shape (6, 4) in the checkpoint, the model has (7, 4)",
                message);
        assertEquals(before, wider.parameters());
        assertTrue(Checkpoints.loadInto(file, model(6, 2), Adam.adam(0.01)).resumable());
    }
}
