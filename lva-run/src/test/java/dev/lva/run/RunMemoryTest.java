package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.models.AutoEncoder;
import dev.lva.models.ConvLeastVolumeAutoencoder;
import dev.lva.models.LeastVolumeAutoencoder;
import java.lang.ref.WeakReference;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/**
 * Sizing runs to memory, from the sizes alone (nothing large is allocated): the default full batch
 * of 2,000,000 rows x 8 columns, which ran out of memory, becomes minibatches; a run that cannot fit
 * is refused with the bytes and the option to change; parallel runs are as many as fit.
 */
class RunMemoryTest {
    private static final long MB = 1L << 20;

    private static AutoEncoder lvae(int width) {
        return new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(width, width));
    }

    /**
     * A finished run's model (its parameters and its layers' buffers, native memory ND4J frees only when
     * the collector takes them) is taken by the collection a sweep's worker makes after each run, not
     * left beside the next run; a model still in use is untouched.
     */
    @Test
    void aFinishedRunsModelIsCollectedBeforeTheNextRun() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 30, 8);
        AutoEncoder finished = lvae(8);
        finished.setTraining(false);
        finished.encode(x);
        WeakReference<AutoEncoder> ref = new WeakReference<>(finished);
        AutoEncoder running = lvae(8);
        running.setTraining(false);
        INDArray before = running.encode(x);
        finished = null;
        RunMemory.releaseFinishedRuns();
        assertNull(ref.get(), "the finished run's model was collected (its arrays freed with it)");
        assertEquals(before, running.encode(x), "the running model computes as before");
    }

    @Test
    void aBatchRowOfTheDefaultLvaeHoldsEveryLayersOutputAndItsGradient() {
        // 8 -> 48 -> 48 -> 48 -> 48 -> 8 and back: 2 x (8 + 8) for input and target, then each layer's output
        long perLayer = 4 * 48 + 8;
        long expected = 2 * 8 + 2 * (perLayer + perLayer);
        assertTrue(lvae(8).trainingNumbersPerRow() >= expected, "per row: " + lvae(8).trainingNumbersPerRow());
        assertEquals(lvae(8).trainingNumbersPerRow() * 4 * 2_000_000, RunMemory.batchBytes(lvae(8), 2_000_000));
    }

    @Test
    void theDefaultFullBatchOfTwoMillionRowsBecomesMinibatchesThatFit() {
        AutoEncoder m = lvae(8);
        long free = 1536 * MB;
        // the full batch needs gigabytes, far beyond a quarter of 1.5 GB
        assertTrue(RunMemory.batchBytes(m, 2_000_000) > free, RunMemory.size(RunMemory.batchBytes(m, 2_000_000)));
        int batch = RunMemory.defaultBatch(m, 2_000_000, free);
        assertTrue(batch > 0 && batch < 2_000_000, "batch " + batch);
        assertTrue(RunMemory.batchBytes(m, batch) <= free / 4, "the chosen batch fits a quarter of what is free");
        assertTrue(RunMemory.batchBytes(m, 2L * batch) > free / 4 || batch * 2 > 2_000_000,
                "and is not needlessly small: " + batch);
        String digits = Integer.toString(batch).replaceAll("0+$", "");
        assertTrue(List.of("1", "2", "5").contains(digits), "a round number of rows: " + batch);
        // a data set whose full batch fits keeps it
        assertEquals(0, RunMemory.defaultBatch(m, 3000, free));
    }

    @Test
    void aRunThatCannotFitIsRefusedBeforeTrainingWithTheBytesAndTheOptionToChange() {
        AutoEncoder m = lvae(8);
        int rows = 2_000_000;
        RunMemory.Bytes need = RunMemory.perRun(m, rows, 8, false, 0, false);
        RunMemory.Bytes free = new RunMemory.Bytes(1536 * MB, 400 * MB);
        LvaException e = assertThrows(LvaException.class, () -> RunMemory.requireFits(need, free, "--batch 0",
                RunMemory.batchBytes(m, rows), 0, rows));
        String msg = e.getMessage();
        assertTrue(msg.contains("the full batch of 2000000 rows"), msg);
        assertTrue(msg.contains(RunMemory.size(RunMemory.batchBytes(m, rows)) + " of activations"), msg);
        assertTrue(msg.contains("a smaller --batch (instead of --batch 0)"), msg);
        assertTrue(msg.contains("1.5 GB of arrays and 400 MB of heap free"), msg);
        assertTrue(msg.contains("LVA_JAVA_OPTS=-Xmx"), msg);
        // a model too wide is as likely the cause as too many rows: every option that sizes it is named
        for (String option : java.util.List.of("--limit", "--hidden", "--channels", "--latent")) {
            assertTrue(msg.contains(option), option + " in " + msg);
        }
        // what fits passes
        RunMemory.requireFits(RunMemory.perRun(m, 1000, 8, false, 0, false), free, "--batch 0",
                RunMemory.batchBytes(m, 1000), 0, 1000);
    }

    /** 20,000 rows of 3,000 columns: its codes and the latent covariance (3000 x 3000 doubles) are counted. */
    @Test
    void theAnalysisOfAWideTableIsCounted() {
        AutoEncoder m = lvae(3000);
        RunMemory.Bytes need = RunMemory.perRun(m, 20_000, 3000, false, 100, false);
        long codes = 2L * 20_000 * 3000 * 4;
        long covariance = 3L * 8 * 3000 * 3000;
        assertTrue(need.nativeBytes() >= codes + covariance, need.text());
        assertTrue(need.heapBytes() >= 2L * 8 * 3000 * 3000, need.text());
    }

    @Test
    void parallelRunsAreAsManyAsCoresAndBothMemoryPoolsHold() {
        RunMemory.Bytes need = new RunMemory.Bytes(200 * MB, 100 * MB);
        assertEquals(2, RunMemory.parallel(2, need, new RunMemory.Bytes(4096 * MB, 4096 * MB)), "the cores");
        assertEquals(3, RunMemory.parallel(8, need, new RunMemory.Bytes(4096 * MB, 350 * MB)), "the heap");
        assertEquals(2, RunMemory.parallel(8, need, new RunMemory.Bytes(450 * MB, 4096 * MB)), "the arrays");
        assertEquals(1, RunMemory.parallel(8, need, new RunMemory.Bytes(10 * MB, 10 * MB)), "at least one");
    }

    /**
     * Seeds of conv-lvae on 60,000 Fashion-MNIST images padded to 32 x 32: the images are shared, and
     * a seed's run moves its folder into place, so its codes never count on the heap (they did when
     * every run's latent.csv came back as bytes: 61 MB a run at --latent 64); its checkpoints do.
     */
    @Test
    void seedsOfImagesShareTheImagesAndHandBackNoCodes() {
        AutoEncoder m = new ConvLeastVolumeAutoencoder(new ConvLeastVolumeAutoencoder.Options(1, 32, 32,
                List.of(8, 16, 32), 16, 0.2, "volume:lambda=0.001,eta=0.01", "none", 0, 0.9, false, "conv-operator",
                dev.lva.models.Precision.FLOAT32, 0));
        RunMemory.Bytes alone = RunMemory.perRun(m, 60_000, 1024, true, 100, false);
        RunMemory.Bytes seed = RunMemory.perRun(m, 60_000, 1024, true, 100, true);
        assertEquals(alone.nativeBytes(), seed.nativeBytes(), "images are shared, never copied per run");
        long params = m.parameters().length();
        assertEquals(3 * 4 * params, seed.heapBytes() - alone.heapBytes(), "a checkpoint's bytes, not the codes");
        assertTrue(alone.nativeBytes() < 60_000L * 1024 * 4, "a run needs less than another copy of the images: "
                + alone.text());
    }

    /** A run's options over lva fit's defaults for {@code model}. */
    private static RunConfig config(String model, java.util.Map<String, String> options) {
        return dev.lva.api.plugin.Options.bind(RunConfig.defaults(model), options, "test");
    }

    /**
     * Models sized from their shapes before they are built: each row a model too large for 1.5 GB of
     * arrays and 400 MB of heap, and what the refusal must name (the option that makes it large).
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> tooLarge() {
        dev.lva.core.nn.Shape big = dev.lva.core.nn.Shape.image(1, 4096, 4096);
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("hidden widths on a table of 3 columns",
                        config("lvae", java.util.Map.of("hidden", "6000;6000")), null, 40,
                        List.of("most of it is the parameters, which the hidden widths set (--hidden 6000,6000",
                                "narrower --hidden needs less")),
                org.junit.jupiter.params.provider.Arguments.of("--pad-to 4096 on small images",
                        config("conv-lvae", java.util.Map.of("padTo", "4096", "channels", "4;8", "batch", "2")), big,
                        60, List.of("a smaller --pad-to 4096 (images of 4096 x 4096)", "to train a batch of 2 images",
                                "the code of 64 dimensions (conv-lvae's default)")),
                // the LV paper's 64 x 64 CelebA net: 2.5 GB of activations in a batch of 400 colour images
                org.junit.jupiter.params.provider.Arguments.of("the CelebA net on a batch of 400",
                        config("conv-lvae", java.util.Map.of("channels", "32;64;128;256;512", "batch", "400")),
                        dev.lva.core.nn.Shape.image(3, 64, 64), 2000,
                        List.of("to train a batch of 400 images (3,875,075 parameters", "activations: 2.",
                                "a smaller --batch (now 400), fewer --channels (now 32,64,128,256,512)")),
                // and with widths no machine holds: the parameters, named by the last channel count
                org.junit.jupiter.params.provider.Arguments.of("the CelebA depth at huge widths",
                        config("conv-lvae", java.util.Map.of("channels", "1024;2048;4096;8192;16384", "batch",
                                "2")), dev.lva.core.nn.Shape.image(3, 64, 64), 40,
                        List.of("most of it is the parameters", "--channels 1024,2048,4096,8192,16384 on images of"
                                + " 64 x 64", "a smaller last channel count")),
                org.junit.jupiter.params.provider.Arguments.of("a batch of a million rows of a wide table",
                        config("lvae", java.util.Map.of("hidden", "512", "batch", "1000000")), null, 2_000_000,
                        List.of("most of it is a batch's activations: a smaller --batch (now 1000000)")));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("tooLarge")
    void aModelTooLargeIsRefusedFromItsShapesNamingWhatMakesItLarge(String what, RunConfig config,
                                                                     dev.lva.core.nn.Shape image, int rows,
                                                                     List<String> expected) {
        dev.lva.core.nn.Layer encoder;
        dev.lva.core.nn.Layer decoder;
        int cols;
        if (image != null) {
            encoder = dev.lva.core.nn.ConvNets.encoder(image, config.channels(), 64, 0.2);
            decoder = dev.lva.core.nn.ConvNets.decoder(64, config.channels(), image, 0.2,
                    dev.lva.core.param.SpectralNorm.factory(), dev.lva.core.param.SpectralNorm.factory());
            cols = image.size();
        } else {
            cols = 3;
            java.util.List<Integer> widths = new java.util.ArrayList<>(config.hidden());
            encoder = mlp(cols, widths, 3);
            java.util.Collections.reverse(widths);
            decoder = mlp(3, widths, cols);
        }
        long parameters = parameters(encoder) + parameters(decoder);
        long perRow = AutoEncoder.trainingNumbersPerRow(encoder, decoder, dev.lva.core.nn.Shape.features(cols));
        RunMemory.Bytes free = new RunMemory.Bytes(1536 * MB, 400 * MB);
        LvaException e = assertThrows(LvaException.class, () -> RunMemory.requireModelFits(config, image, rows,
                parameters, perRow, 4, free), what);
        for (String text : expected) {
            assertTrue(e.getMessage().contains(text), () -> what + ": '" + text + "' in " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("1.5 GB of arrays and 400 MB of heap free"), e.getMessage());
    }

    /** The CelebA net's default batch of 100 colour images fits what the huge widths above do not. */
    @Test
    void theCelebaNetTrainsABatchOfAHundredInOnePointFiveGigabytes() {
        RunConfig config = config("conv-lvae", java.util.Map.of("channels", "32;64;128;256;512", "batch", "100"));
        dev.lva.core.nn.Shape image = dev.lva.core.nn.Shape.image(3, 64, 64);
        dev.lva.core.nn.Layer encoder = dev.lva.core.nn.ConvNets.encoder(image, config.channels(), 64, 0.2);
        dev.lva.core.nn.Layer decoder = dev.lva.core.nn.ConvNets.decoder(64, config.channels(), image, 0.2,
                dev.lva.core.param.SpectralNorm.factory(), dev.lva.core.param.SpectralNorm.factory());
        long parameters = parameters(encoder) + parameters(decoder);
        assertEquals(3_875_075, parameters);
        long perRow = AutoEncoder.trainingNumbersPerRow(encoder, decoder, dev.lva.core.nn.Shape.features(image.size()));
        RunMemory.requireModelFits(config, image, 2000, parameters, perRow, 4,
                new RunMemory.Bytes(1536 * MB, 400 * MB));
    }

    private static dev.lva.core.nn.Layer mlp(int in, List<Integer> hidden, int out) {
        List<dev.lva.core.nn.Layer> layers = new java.util.ArrayList<>();
        int at = in;
        for (int h : hidden) {
            layers.add(new dev.lva.core.nn.Linear(at, h));
            at = h;
        }
        layers.add(new dev.lva.core.nn.Linear(at, out));
        return new dev.lva.core.nn.Sequential(layers);
    }

    private static long parameters(dev.lva.core.nn.Layer l) {
        if (l instanceof dev.lva.core.nn.Sequential s) {
            return s.layers().stream().mapToLong(RunMemoryTest::parameters).sum();
        }
        return l.parameterSpecs().stream().mapToLong(p -> (long) p.rows() * p.cols()).sum();
    }

    /**
     * The wiring: lva fit's model for a table with hidden widths of 200,000 is refused by its shapes
     * (960 GB of parameters) before a byte of it is allocated, naming --hidden; a small one is built.
     */
    @Test
    void theRunsModelIsSizedBeforeItIsBuilt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("t.csv"), "a,b,c\n1,2,3\n4,5,7\n2,2,2\n");
        RunConfig wide = config("lvae", java.util.Map.of("data", csv.toString(), "hidden", "200000;200000"));
        RunData data = RunData.load(wide, wide.precision().dataType());
        dev.lva.api.plugin.Plugins plugins = dev.lva.api.plugin.Plugins.discover();
        RunMemory.Bytes free = new RunMemory.Bytes(1536 * MB, 400 * MB);
        LvaException e = assertThrows(LvaException.class, () -> RunMemory.model(wide, data, plugins, free));
        assertTrue(e.getMessage().contains("--hidden 200000,200000"), e.getMessage());
        RunConfig small = config("lvae", java.util.Map.of("data", csv.toString(), "hidden", "8"));
        assertEquals(3, RunMemory.model(small, data, plugins, free).inputDimension());
    }

    /**
     * The same wiring for lva fit's conv-lvae on 64 x 64 colour images with the CelebA widths: refused
     * in 50 MB of arrays (its 3,875,075 parameters take 89 MB with their gradients, Adam's moments and a
     * checkpoint's copy) before it is built, naming the channels; built in 1.5 GB.
     */
    @Test
    void theCelebaNetIsSizedBeforeItIsBuilt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path npy = dir.resolve("faces.npy");
        dev.lva.core.io.Npy.write(npy, org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                4, 3, 64, 64));
        RunConfig celeba = config("conv-lvae", java.util.Map.of("data", npy.toString(), "channels",
                "32;64;128;256;512", "batch", "2"));
        RunData data = RunData.load(celeba, celeba.precision().dataType());
        dev.lva.api.plugin.Plugins plugins = dev.lva.api.plugin.Plugins.discover();
        LvaException e = assertThrows(LvaException.class, () -> RunMemory.model(celeba, data, plugins,
                new RunMemory.Bytes(50 * MB, 400 * MB)));
        assertTrue(e.getMessage().contains("3,875,075 parameters") && e.getMessage().contains(
                "--channels 32,64,128,256,512 on images of 64 x 64"), e.getMessage());
        AutoEncoder m = RunMemory.model(celeba, data, plugins, new RunMemory.Bytes(1536 * MB, 400 * MB));
        assertEquals(3 * 64 * 64, m.inputDimension());
        assertEquals(3_875_075, m.parameterBuffer().size());
    }
}
