package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.ImageFileRows;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.data.ImageStreaming;
import dev.lva.core.io.Npy;
import dev.lva.run.sweep.SweepData;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A run whose uint8 images are read from the file a batch at a time ({@link ImageFileRows}) trains,
 * analyses and records exactly what the same run on the same images held in memory does, bit for bit;
 * a resumed run reads them so again; what holds data in memory refuses them.
 */
class StoredImagesRunTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    Path dir;

    /** 50 grey images of 12 x 12 (a bright square on noise), as uint8; {@code channelsLast}: 3 channels, N x H x W x C. */
    private Path images(String name, boolean channelsLast) throws Exception {
        int n = 50;
        int side = 12;
        int c = channelsLast ? 3 : 1;
        byte[] pixels = new byte[n * side * side * c];
        Random r = new Random(11);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) r.nextInt(256);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Npy.header("|u1", channelsLast ? new long[] {n, side, side, c} : new long[] {n, side, side}));
        out.write(pixels);
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static RunConfig config(Path data, String batch, String epochs, String layout) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("data", data.toString(), "model", "conv-lvae",
                "channels", "4;8", "latent", "4", "padTo", "16", "epochs", epochs, "batch", batch));
        if (layout != null) {
            values.put("layout", layout);
        }
        return Options.bind(RunConfig.fitDefaults(), values, "test");
    }

    private static ImageFileRows open(RunConfig c) {
        return ImageFileRows.open(c.data(), new ImageFiles.Options(c.padTo(), c.limit(), c.layout()));
    }

    private void sameRunBothWays(RunConfig config, String name) throws Exception {
        DataType type = config.precision().dataType();
        RunData memory = RunData.load(config, type);
        assertNull(memory.stored(), "50 small images are read into memory");
        RunData stored = RunData.ofStored(memory.source(), open(config), type);
        assertEquals(memory.digest(type), stored.digest(type), "one digest, wherever the rows are");
        LvaRun.Result a = LvaRun.fit(config, stored, dir.resolve(name + "-file"), PLUGINS);
        LvaRun.Result b = LvaRun.fit(config, memory, dir.resolve(name + "-memory"), PLUGINS);
        assertArrayEquals(b.model().parameters().data().asDouble(), a.model().parameters().data().asDouble(),
                "the trained weights, bit for bit");
        assertEquals(b.training().lastLoss().total(), a.training().lastLoss().total());
        assertEquals(b.training().steps(), a.training().steps());
        assertArrayEquals(b.analysis().stds(), a.analysis().stds());
        assertArrayEquals(b.analysis().explained(), a.analysis().explained());
        assertEquals(b.analysis().lossNone(), a.analysis().lossNone());
        assertEquals(Files.readString(b.folder().resolve(Outputs.LATENT_FILE)),
                Files.readString(a.folder().resolve(Outputs.LATENT_FILE)));
        String summary = Files.readString(a.folder().resolve(Outputs.SUMMARY_FILE));
        assertTrue(summary.contains("\"analysis_rows\"") && summary.contains("evenly spaced"), summary);
        assertNotNull(LvaRun.report(a).file());
    }

    @Test
    void minibatchesFromTheFileTrainAsFromMemory() throws Exception {
        sameRunBothWays(config(images("grey.npy", false), "10", "2", null), "mini");
    }

    @Test
    void aFullBatchFromTheFileTrainsAsFromMemory() throws Exception {
        sameRunBothWays(config(images("grey.npy", false), "0", "2", null), "full");
    }

    @Test
    void channelsLastImagesFromTheFileTrainAsFromMemory() throws Exception {
        sameRunBothWays(config(images("rgb.npy", true), "10", "1", "nhwc"), "nhwc");
    }

    @Test
    void theAnalysisOfASampleSaysSoAndTrainsOnEveryRow() throws Exception {
        RunConfig config = config(images("grey.npy", false), "10", "1", null);
        RunData memory = RunData.load(config, DataType.FLOAT);
        RunData stored = RunData.ofStored(memory.source(), open(config), 7, DataType.FLOAT);
        assertEquals(50, stored.rows());
        assertArrayEquals(new int[] {0, 7, 14, 21, 28, 35, 42}, stored.sampleRows());
        LvaRun.Result a = LvaRun.fit(config, stored, dir.resolve("sample"), PLUGINS);
        LvaRun.Result b = LvaRun.fit(config, memory, dir.resolve("all"), PLUGINS);
        assertArrayEquals(b.model().parameters().data().asDouble(), a.model().parameters().data().asDouble(),
                "trained on every row either way");
        assertEquals(50, a.runSummary().rows(), "the summary counts every row");
        String summary = Files.readString(a.folder().resolve(Outputs.SUMMARY_FILE));
        assertTrue(summary.contains("\"analysis_rows\" : 7") || summary.contains("\"analysis_rows\": 7"), summary);
        assertEquals(8, Files.readAllLines(a.folder().resolve(Outputs.LATENT_FILE)).size(), "a header and 7 codes");
    }

    @Test
    void aRunResumedFromTheFileEndsAsTheWholeRunInMemory() throws Exception {
        Path file = images("grey.npy", false);
        RunConfig three = config(file, "10", "3", null);
        LvaRun.Result whole = LvaRun.fit(three, RunData.load(three, DataType.FLOAT), dir.resolve("whole"), PLUGINS);
        RunConfig two = streamed(config(file, "10", "2", null), "always");
        RunData stored = RunData.load(two, DataType.FLOAT);
        assertNotNull(stored.stored(), "--stream always reads the images from the file");
        LvaRun.Result first = LvaRun.fit(two, stored, dir.resolve("resumed"), PLUGINS);
        LvaRun.Result resumed = LvaRun.resume(first.folder().resolve(LvaRun.MODEL_FILE), 3, null, (Path) null,
                PLUGINS, null);
        assertArrayEquals(whole.model().parameters().data().asDouble(),
                resumed.model().parameters().data().asDouble(), "two epochs from the file and one more = three in memory");
        assertTrue(Files.readString(resumed.folder().resolve("config.yaml")).contains("stream: \"always\""),
                "the resumed run keeps the run's choice");
    }

    @Test
    void aRunResumedWithAnotherStreamChoiceContinuesExactlyAndRecordsIt() throws Exception {
        Path file = images("grey.npy", false);
        RunConfig three = config(file, "10", "3", null);
        LvaRun.Result whole = LvaRun.fit(three, RunData.load(three, DataType.FLOAT), dir.resolve("whole"), PLUGINS);
        RunConfig two = config(file, "10", "2", null);
        LvaRun.Result first = LvaRun.fit(two, RunData.load(two, DataType.FLOAT), dir.resolve("memory-then-file"),
                PLUGINS);
        LvaRun.Result resumed = LvaRun.resume(first.folder().resolve(LvaRun.MODEL_FILE), 3, null, (Path) null,
                ImageStreaming.Mode.ALWAYS, false, PLUGINS, null);
        assertArrayEquals(whole.model().parameters().data().asDouble(),
                resumed.model().parameters().data().asDouble(), "two epochs in memory and one from the file");
        assertTrue(Files.readString(resumed.folder().resolve("config.yaml")).contains("stream: \"always\""),
                Files.readString(resumed.folder().resolve("config.yaml")));
        String summary = Files.readString(resumed.folder().resolve(Outputs.SUMMARY_FILE));
        assertTrue(summary.contains("evenly spaced"), "its analysis is of the sample: " + summary);
        // and back: a run read from the file, resumed into memory
        LvaRun.Result back = LvaRun.resume(resumed.folder().resolve(LvaRun.MODEL_FILE), 4, dir.resolve("back"),
                (Path) null, ImageStreaming.Mode.NEVER, false, PLUGINS, null);
        assertTrue(Files.readString(back.folder().resolve("config.yaml")).contains("stream: \"never\""));
    }

    @Test
    void aSweepRefusesImagesReadFromTheFile() throws Exception {
        RunConfig config = streamed(config(images("grey.npy", false), "10", "1", null), "always");
        LvaException e = assertThrows(LvaException.class, () -> SweepData.load(config));
        assertTrue(e.getMessage().startsWith("--stream always: a sweep (lva sweep, lva fit --seeds) holds its data"
                + " in memory"), e.getMessage());
        // --seeds makes its sweep's data from the run's (it trained every seed on the sample, silently)
        RunData stored = RunData.load(config, DataType.FLOAT);
        assertTrue(assertThrows(LvaException.class, () -> SweepData.of(stored, DataType.FLOAT)).getMessage()
                .contains("--stream never"));
    }

    @Test
    void uncompressedIdxImagesFromTheFileTrainAsFromMemory() throws Exception {
        Path npy = images("grey.npy", false);
        byte[] pixels = java.util.Arrays.copyOfRange(Files.readAllBytes(npy), Npy.header("|u1",
                new long[] {50, 12, 12}).length, (int) Files.size(npy));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 50, 0, 0, 0, 12, 0, 0, 0, 12});
        out.write(pixels);
        Path idx = Files.write(dir.resolve("grey-idx3-ubyte"), out.toByteArray());
        sameRunBothWays(config(idx, "10", "2", null), "idx");
        RunData stored = RunData.load(streamed(config(idx, "10", "2", null), "always"), DataType.FLOAT);
        assertNotNull(stored.stored());
        assertEquals(RunData.load(config(npy, "10", "2", null), DataType.FLOAT).digest(DataType.FLOAT),
                stored.digest(DataType.FLOAT), "the same images in an IDX file and a .npy: one digest");
    }

    /** 50 grey images of 12 x 12 as little-endian float32 or float64 ({@code dtype}), values in [0, 1]. */
    private Path floatImages(String name, String dtype) throws Exception {
        int n = 50 * 12 * 12;
        boolean single = dtype.equals("<f4");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n * (single ? 4 : 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Random r = new Random(12);
        for (int i = 0; i < n; i++) {
            if (single) {
                b.putFloat(r.nextFloat());
            } else {
                b.putDouble(r.nextDouble());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Npy.header(dtype, new long[] {50, 12, 12}));
        out.write(b.array());
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void float32AndFloat64ImagesFromTheFileTrainAsFromMemory() throws Exception {
        sameRunBothWays(config(floatImages("f4.npy", "<f4"), "10", "2", null), "f4");
        sameRunBothWays(config(floatImages("f8.npy", "<f8"), "10", "1", null), "f8");
        RunConfig f64 = Options.bind(config(floatImages("f4b.npy", "<f4"), "10", "1", null), Map.of("precision",
                "float64"), "test");
        sameRunBothWays(f64, "f4-as-float64");
        RunData stored = RunData.load(streamed(config(floatImages("f4c.npy", "<f4"), "10", "1", null), "always"),
                DataType.FLOAT);
        assertNotNull(stored.stored(), "--stream always reads float32 images from the file");
    }

    @Test
    void streamAlwaysOnWhatCannotBeReadByRowsNamesTheOptionAndTheFile() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n3,4\n5,6\n");
        Map<String, String> table = Map.of("data", csv.toString(), "stream", "always");
        RunConfig c = Options.bind(RunConfig.fitDefaults(), table, "test");
        String m = assertThrows(LvaException.class, () -> RunData.load(c, DataType.FLOAT)).getMessage();
        assertTrue(m.startsWith("--stream always: " + csv.toAbsolutePath().normalize() + " is a table"), m);
        RunConfig builtIn = Options.bind(RunConfig.fitDefaults(), Map.of("data", "builtin:ae3d.csv", "stream",
                "always"), "test");
        assertTrue(assertThrows(LvaException.class, () -> RunData.load(builtIn, DataType.FLOAT)).getMessage()
                .startsWith("--stream always: builtin:ae3d.csv is a table inside lva"));
        Path gz = dir.resolve("g-idx3-ubyte.gz");
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            z.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 4});
            z.write(new byte[32]);
        }
        String g = assertThrows(LvaException.class, () -> RunData.load(streamed(config(gz, "0", "1", null), "always"),
                DataType.FLOAT)).getMessage();
        assertTrue(g.startsWith("--stream always: " + gz) && g.contains("gzip"), g);
        assertNull(RunData.load(streamed(config(gz, "0", "1", null), "auto"), DataType.FLOAT).stored(),
                "auto reads a gzipped file into memory");
        RunData never = RunData.load(streamed(config(images("grey.npy", false), "10", "1", null), "never"),
                DataType.FLOAT);
        assertNull(never.stored());
        assertTrue(assertThrows(RuntimeException.class, () -> streamed(config(csv, "0", "1", null), "sometimes"))
                .getMessage().contains("stream"));
    }

    @Test
    void theReplacedPropertyIsRefusedWhereARunReadsItsData() throws Exception {
        RunConfig config = config(images("grey.npy", false), "10", "1", null);
        String before = System.getProperty(ImageStreaming.PROPERTY);
        try {
            System.setProperty(ImageStreaming.PROPERTY, "never");
            assertTrue(assertThrows(LvaException.class, () -> RunData.load(config, DataType.FLOAT)).getMessage()
                    .contains("--stream never"));
        } finally {
            if (before == null) {
                System.clearProperty(ImageStreaming.PROPERTY);
            } else {
                System.setProperty(ImageStreaming.PROPERTY, before);
            }
        }
    }

    @Test
    void theChoiceIsAFieldOfTheSpecAndOfConfigYaml() throws Exception {
        RunConfig c = streamed(config(images("grey.npy", false), "10", "1", null), "always");
        FitSpec spec = FitSpec.of(c);
        assertEquals(ImageStreaming.Mode.ALWAYS, spec.data().stream());
        assertEquals(c, spec.toConfig());
        assertTrue(Outputs.configYaml(c).contains("stream: \"always\""), Outputs.configYaml(c));
        assertEquals(ImageStreaming.Mode.AUTO, RunConfig.fitDefaults().stream(), "auto by default");
    }

    private static RunConfig streamed(RunConfig c, String mode) {
        return Options.bind(c, Map.of("stream", mode), "test");
    }
}
