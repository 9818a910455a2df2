package dev.lva.models.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.Model;
import dev.lva.api.StateDict;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.StateDictFile;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.nn.activation.Tanh;
import dev.lva.models.AutoEncoder;
import dev.lva.models.PcaModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Model#stateDict()} and {@link Model#loadStateDict}: for every model kind lva ships and for
 * architectures built in this test (not plugins), a model saved, built again with another seed and
 * loaded gives the same outputs bit for bit; a model of another architecture is refused, naming the
 * first entry that differs.
 */
class StateDictTest {
    private static final Plugins PLUGINS = Plugins.discover(StateDictTest.class.getClassLoader());

    @TempDir
    Path dir;

    /** Every model plugin lva ships, with options small enough for a test; {@code seed} varies the start. */
    private static Map<String, String> specs(int seed) {
        return Map.of(
                "mlp", "mlp:in=3,out=2,hidden=5,seed=" + seed,
                "snmlp", "snmlp:in=3,out=2,hidden=5,seed=" + seed,
                "autoencoder", "autoencoder:in=3,latent=2,hidden=5,seed=" + seed,
                "lvae", "lvae:in=3,latent=3,hidden=6;6,seed=" + seed,
                "conv-lvae", "conv-lvae:imageChannels=1,height=8,width=8,channels=2;4,latent=3,seed=" + seed,
                "linear-regression", "linear-regression:in=3,out=2,seed=" + seed);
    }

    @Test
    void everyModelPluginRoundTripsThroughAFile() {
        Map<String, String> a = specs(1);
        Map<String, String> b = specs(2);
        assertEquals(PLUGINS.registry(ModelProvider.KIND).names().size() - 1, a.size(),
                "every model plugin but pca (tested below) is covered: " + PLUGINS.registry(ModelProvider.KIND).names());
        for (String kind : a.keySet()) {
            Model trained = PLUGINS.create(ModelProvider.KIND, a.get(kind));
            Model fresh = PLUGINS.create(ModelProvider.KIND, b.get(kind));
            INDArray x = input(kind);
            // forwards in training mode move spectral norm's power iteration: state a reload must carry
            trained.forward(x);
            trained.forward(x);
            Path file = dir.resolve(kind + ".zip");
            StateDictFile.save(file, trained);
            trained.setTraining(false);
            fresh.setTraining(false);
            assertFalse(java.util.Arrays.equals(trained.forward(x).data().asDouble(), fresh.forward(x).data().asDouble()),
                    kind + ": another seed starts elsewhere, so the test can fail");
            StateDictFile.load(file, fresh);
            assertArrayEquals(trained.forward(x).data().asDouble(), fresh.forward(x).data().asDouble(), kind);
            assertEquals(trained.stateDict().arrays().keySet(), fresh.stateDict().arrays().keySet(), kind);
        }
    }

    @Test
    void lvaeStateDictHoldsItsPruningAndSpectralNormState() {
        StateDict s = PLUGINS.create(ModelProvider.KIND, specs(1).get("lvae")).stateDict();
        assertTrue(s.arrays().containsKey("pruning.pruned"), s.arrays().keySet().toString());
        assertTrue(s.arrays().containsKey("decoder.0.weight.parametrization.u"), s.arrays().keySet().toString());
        assertTrue(s.arrays().containsKey("encoder.0.weight"), s.arrays().keySet().toString());
        assertEquals(1.0, s.scalars().get("pruning._version"));
    }

    @Test
    void pcaRoundTripsIntoAnUnfittedModel() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 20, 4);
        PcaModel fitted = new PcaModel(2).fit(x);
        Path file = dir.resolve("pca.zip");
        StateDictFile.save(file, fitted);
        PcaModel loaded = new PcaModel(2);
        StateDictFile.load(file, loaded);
        assertArrayEquals(fitted.transform(x).data().asDouble(), loaded.transform(x).data().asDouble());
        assertArrayEquals(fitted.explainedVarianceRatio().data().asDouble(),
                loaded.explainedVarianceRatio().data().asDouble());
        assertEquals(file + ": PCA state holds 2 components, this model keeps 3",
                assertThrows(CheckpointException.class, () -> StateDictFile.load(file, new PcaModel(3))).getMessage());
    }

    @Test
    void pcaOfImagesKeepsItsImageShapeThroughAStateDict() {
        INDArray images = Nd4j.rand(DataType.DOUBLE, 12, 1, 4, 5);
        PcaModel fitted = new PcaModel(3).fit(images);
        Path file = dir.resolve("pca-images.zip");
        StateDictFile.save(file, fitted);
        PcaModel loaded = new PcaModel(3);
        StateDictFile.load(file, loaded);
        INDArray z = fitted.transform(images);
        assertArrayEquals(new long[] {12, 1, 4, 5}, loaded.inverseTransformShaped(z).shape());
        assertEquals(fitted.inverseTransformShaped(z), loaded.inverseTransformShaped(z));
        assertEquals(Shape.image(1, 4, 5), loaded.sampleShape());
        // a batch of other images is refused by the loaded model as by the fitted one
        assertThrows(LvaException.class, () -> loaded.transform(Nd4j.rand(DataType.DOUBLE, 2, 1, 5, 4)));
        // a model fitted on rows, loaded into a model that held images, answers in rows again
        PcaModel rows = new PcaModel(3).fit(images.reshape('c', 12, 20));
        StateDictFile.save(dir.resolve("pca-rows.zip"), rows);
        StateDictFile.load(dir.resolve("pca-rows.zip"), loaded);
        assertEquals(2, loaded.inverseTransformShaped(z).rank());
    }

    @Test
    void pcaStateWithASampleShapeThatDoesNotFitItsMeanIsRefused() {
        PcaModel fitted = new PcaModel(2).fit(Nd4j.rand(DataType.DOUBLE, 10, 1, 3, 3));
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>(fitted.stateDict().arrays());
        arrays.put("pca." + PcaModel.SAMPLE_SHAPE, Nd4j.createFromArray(1.0, 3.0, 4.0));
        StateDict wrong = new StateDict(fitted.stateDict().version(), arrays, fitted.stateDict().scalars());
        String message = assertThrows(LvaException.class, () -> new PcaModel(2).loadStateDict(wrong))
                .getMessage();
        assertTrue(message.contains("sample_shape [1.0, 3.0, 4.0] is not a sample shape of 9 values"), message);
    }

    /** A residual-free but custom architecture: tanh, widths and depth the CLI does not offer. */
    private static AutoEncoder custom(int hidden, long seed) {
        Sequential encoder = Sequential.of(Shape.features(4), new Linear(4, hidden), new Tanh(), new Linear(hidden, 2));
        Sequential decoder = Sequential.of(Shape.features(2), new Linear(2, hidden), new Tanh(), new Linear(hidden, 4));
        return new AutoEncoder(encoder, decoder, 4, seed);
    }

    @Test
    void aCustomArchitectureBuiltInCodeRoundTripsAndAnotherIsRefused() {
        AutoEncoder trained = custom(7, 11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4);
        for (int i = 0; i < 3; i++) {
            trained.computeGradients(x, x);
            trained.parameters().subi(trained.gradients().mul(0.1));
        }
        Path file = dir.resolve("custom.zip");
        StateDictFile.save(file, trained);
        AutoEncoder again = custom(7, 99);
        StateDictFile.load(file, again);
        assertArrayEquals(trained.forward(x).data().asFloat(), again.forward(x).data().asFloat());

        AutoEncoder wider = custom(8, 11);
        INDArray before = wider.parameters().dup();
        String message = assertThrows(CheckpointException.class, () -> StateDictFile.load(file, wider)).getMessage();
        assertEquals(file + ": AutoEncoder: parameter 'encoder.0.weight' has shape [7, 4] in the state dict, the model"
                + " has [8, 4]", message);
        assertEquals(before, wider.parameters(), "a refused load leaves the model as it was");

        StateDict missing = new StateDict(1, Map.of("encoder.0.weight", Nd4j.zeros(DataType.FLOAT, 7, 4)), Map.of());
        assertEquals("AutoEncoder: the state dict has no parameter 'encoder.0.bias', which the model has",
                assertThrows(LvaException.class, () -> again.loadStateDict(missing)).getMessage());
        Map<String, INDArray> extra = new java.util.LinkedHashMap<>(trained.stateDict().arrays());
        extra.put("head.weight", Nd4j.zeros(DataType.FLOAT, 1, 1));
        assertTrue(assertThrows(LvaException.class, () -> again.loadStateDict(new StateDict(1, extra, Map.of())))
                .getMessage().startsWith("AutoEncoder: 'head.weight' of the state dict is not in the model (it has ["));
    }

    /** A model that is not built from lva's layers at all: the default state dict of its flat parameters. */
    private static final class Affine implements TrainableModel {
        private final INDArray params;
        private final INDArray grads = Nd4j.zeros(DataType.DOUBLE, 1, 4);
        private boolean training = true;

        Affine(double... values) {
            params = Nd4j.createFromArray(values).reshape(1, 4);
        }

        @Override
        public INDArray forward(INDArray input) {
            return input.mul(params.getDouble(0)).addi(params.getDouble(1));
        }

        @Override
        public INDArray parameters() {
            return params;
        }

        @Override
        public void setTraining(boolean training) {
            this.training = training;
        }

        @Override
        public boolean isTraining() {
            return training;
        }

        @Override
        public INDArray gradients() {
            return grads;
        }

        @Override
        public StepLoss computeGradients(INDArray inputs, INDArray targets) {
            throw new UnsupportedOperationException("not trained here");
        }
    }

    @Test
    void aModelOfItsOwnUsesTheDefaultStateDict() {
        Affine a = new Affine(2, 3, 4, 5);
        Affine b = new Affine(0, 0, 0, 0);
        Path file = dir.resolve("affine.zip");
        StateDictFile.save(file, a);
        StateDictFile.load(file, b);
        assertEquals(a.parameters(), b.parameters());
        assertEquals(List.of("parameters"), List.copyOf(a.stateDict().arrays().keySet()));
        Supplier<TrainableModel> shorter = () -> new TrainableModel() {
            private final INDArray p = Nd4j.zeros(DataType.DOUBLE, 1, 3);

            @Override
            public INDArray forward(INDArray input) {
                return input;
            }

            @Override
            public INDArray parameters() {
                return p;
            }

            @Override
            public void setTraining(boolean training) {
            }

            @Override
            public boolean isTraining() {
                return false;
            }

            @Override
            public INDArray gradients() {
                return p;
            }

            @Override
            public StepLoss computeGradients(INDArray inputs, INDArray targets) {
                return null;
            }
        };
        assertTrue(assertThrows(CheckpointException.class, () -> StateDictFile.load(file, shorter.get())).getMessage()
                .endsWith("parameter 'parameters' has shape [1, 4] in the state dict, the model has [1, 3]"));
    }

    private static INDArray input(String kind) {
        return kind.equals("conv-lvae") ? Nd4j.rand(DataType.FLOAT, 4, 64) : Nd4j.rand(DataType.FLOAT, 4, 3);
    }
}
