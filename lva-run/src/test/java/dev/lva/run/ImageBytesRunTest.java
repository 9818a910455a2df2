package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.ImageBytes;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.io.Npy;
import dev.lva.run.sweep.SweepData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Images stored as bytes are held as bytes and converted a batch at a time: a run on them trains,
 * analyses and records exactly what a run on the same images converted whole (the float32 array the
 * readers made before) does, bit for bit.
 */
class ImageBytesRunTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    Path dir;

    /** 48 grey images of 12 x 12: a bright square at a random place on noise, as uint8. */
    private Path images() throws Exception {
        int n = 48;
        int side = 12;
        byte[] pixels = new byte[n * side * side];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            int y0 = r.nextInt(side - 4);
            int x0 = r.nextInt(side - 4);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean in = y >= y0 && y < y0 + 4 && x >= x0 && x < x0 + 4;
                    pixels[(i * side + y) * side + x] = (byte) (in ? 200 + r.nextInt(56) : r.nextInt(40));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Npy.header("|u1", new long[] {n, side, side}));
        out.write(pixels);
        return Files.write(dir.resolve("squares.npy"), out.toByteArray());
    }

    private static RunConfig config(Path data, String precision, String batch) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("data", data.toString(), "model", "conv-lvae",
                "channels", "4;8", "latent", "4", "padTo", "16", "epochs", "3", "batch", batch, "precision",
                precision));
        return Options.bind(RunConfig.fitDefaults(), values, "test");
    }

    private void sameRunBothWays(String precision, String batch) throws Exception {
        Path file = images();
        RunConfig config = config(file, precision, batch);
        DataType type = config.precision().dataType();
        RunData bytes = RunData.load(config, type);
        assertEquals(DataType.UBYTE, bytes.dataset().features().dataType(), "uint8 images stay bytes");
        Dataset floats = ImageFiles.read(file, new ImageFiles.Options(16, 0), type);
        RunData whole = RunData.of(bytes.source(), floats, null, true);
        assertEquals(whole.digest(type), bytes.digest(type), "the digest of the bytes is the digest of their pixels");

        LvaRun.Result a = LvaRun.fit(config, bytes, dir.resolve("bytes-" + precision + batch), PLUGINS);
        LvaRun.Result b = LvaRun.fit(config, whole, dir.resolve("floats-" + precision + batch), PLUGINS);
        assertArrayEquals(b.model().parameters().data().asDouble(), a.model().parameters().data().asDouble(),
                "the trained weights, bit for bit");
        assertEquals(b.training().lastLoss().total(), a.training().lastLoss().total());
        assertArrayEquals(b.analysis().stds(), a.analysis().stds());
        assertArrayEquals(b.analysis().explained(), a.analysis().explained());
        assertEquals(b.analysis().lossNone(), a.analysis().lossNone());
        assertEquals(b.analysis().lossAll(), a.analysis().lossAll());
        assertEquals(b.analysis().dataVariance(), a.analysis().dataVariance());
        assertEquals(Files.readString(b.folder().resolve(Outputs.LATENT_FILE)),
                Files.readString(a.folder().resolve(Outputs.LATENT_FILE)));
        assertNotNull(LvaRun.report(a).file(), "the report draws the images from their bytes");
    }

    @Test
    void minibatchesFromBytesTrainAsFromTheFloatArray() throws Exception {
        sameRunBothWays("float32", "10");
    }

    @Test
    void theFullBatchFromBytesTrainsAsFromTheFloatArray() throws Exception {
        sameRunBothWays("float32", "0");
    }

    @Test
    void float64RunsGetTheFloat32PixelsWidened() throws Exception {
        sameRunBothWays("float64", "16");
    }

    @Test
    void aSweepCarriesTheBytesAndTheirDigest() throws Exception {
        RunConfig config = config(images(), "float32", "10");
        SweepData d = SweepData.load(config);
        assertEquals(DataType.FLOAT, d.dataType(), "the runs' precision");
        assertEquals(48L * 16 * 16, d.bytes(), "one byte a pixel");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(d);
        }
        SweepData back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
            back = (SweepData) in.readObject();
        }
        assertEquals(d.digest(), back.digest());
        assertTrue(ImageBytes.isBytes(back.dataset().features()));
        Dataset floats = ImageFiles.read(config.data(), new ImageFiles.Options(16, 0), DataType.FLOAT);
        assertEquals(dev.lva.core.checkpoint.DataDigest.of(floats.features()), back.digest());
    }
}
