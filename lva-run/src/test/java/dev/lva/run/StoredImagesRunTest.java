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
import dev.lva.core.data.ImageFiles;
import dev.lva.core.data.ImageStreaming;
import dev.lva.core.data.NpyImageRows;
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
 * A run whose uint8 images are read from the file a batch at a time ({@link NpyImageRows}) trains,
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

    private static NpyImageRows open(RunConfig c) {
        return NpyImageRows.open(c.data(), new ImageFiles.Options(c.padTo(), c.limit(), c.layout()));
    }

    private void sameRunBothWays(RunConfig config, String name) throws Exception {
        DataType type = config.precision().dataType();
        RunData memory = RunData.load(config, type);
        assertNull(memory.stored(), "50 small images are read into memory");
        RunData stored = RunData.ofStored(memory.source(), open(config));
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
        RunData stored = RunData.ofStored(memory.source(), open(config), 7);
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
        String before = System.getProperty(ImageStreaming.PROPERTY);
        try {
            System.setProperty(ImageStreaming.PROPERTY, "always");
            RunConfig two = config(file, "10", "2", null);
            RunData stored = RunData.load(two, DataType.FLOAT);
            assertNotNull(stored.stored(), "-Dlva.stream=always reads the images from the file");
            LvaRun.Result first = LvaRun.fit(two, stored, dir.resolve("resumed"), PLUGINS);
            LvaRun.Result resumed = LvaRun.resume(first.folder().resolve(LvaRun.MODEL_FILE), 3, null, (Path) null,
                    PLUGINS, null);
            assertArrayEquals(whole.model().parameters().data().asDouble(),
                    resumed.model().parameters().data().asDouble(), "two epochs from the file and one more = three in memory");
        } finally {
            if (before == null) {
                System.clearProperty(ImageStreaming.PROPERTY);
            } else {
                System.setProperty(ImageStreaming.PROPERTY, before);
            }
        }
    }

    @Test
    void aSweepRefusesImagesReadFromTheFile() throws Exception {
        RunConfig config = config(images("grey.npy", false), "10", "1", null);
        String before = System.getProperty(ImageStreaming.PROPERTY);
        try {
            System.setProperty(ImageStreaming.PROPERTY, "always");
            LvaException e = assertThrows(LvaException.class, () -> SweepData.load(config));
            assertTrue(e.getMessage().contains("a sweep (lva sweep, lva fit --seeds) holds its data in memory"),
                    e.getMessage());
            // --seeds makes its sweep's data from the run's (it trained every seed on the sample, silently)
            RunData stored = RunData.load(config, DataType.FLOAT);
            assertThrows(LvaException.class, () -> SweepData.of(stored, DataType.FLOAT));
        } finally {
            if (before == null) {
                System.clearProperty(ImageStreaming.PROPERTY);
            } else {
                System.setProperty(ImageStreaming.PROPERTY, before);
            }
        }
    }
}
