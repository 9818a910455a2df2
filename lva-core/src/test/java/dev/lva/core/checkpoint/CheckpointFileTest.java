package dev.lva.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.StateDict;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.train.Progress;
import dev.lva.core.train.TrainerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointFileTest {
    @TempDir
    Path dir;

    static TrainingSnapshot snapshot(long step) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("encoder.0.weight", Nd4j.rand(DataType.FLOAT, 4, 3));
        params.put("encoder.0.bias", Nd4j.rand(DataType.FLOAT, 1, 4));
        Map<String, StateDict> states = Map.of("decoder.0.weight.parametrization",
                new StateDict(1, Map.of("u", Nd4j.rand(DataType.FLOAT, 1, 3), "v", Nd4j.rand(DataType.FLOAT, 1, 4)),
                        Map.of()));
        StateDict adam = new StateDict(1, Map.of("exp_avg", Nd4j.rand(DataType.FLOAT, 1, 16),
                "exp_avg_sq", Nd4j.rand(DataType.FLOAT, 1, 16)), Map.of("step", (double) step, "lr", 1e-3));
        TrainingSetup setup = new TrainingSetup(PluginSpec.parse("lvae:in=3,latent=2"),
                PluginSpec.parse("adam:lr=0.001"), TrainerOptions.minibatch(5, 16, 7), 42);
        Extras extras = Extras.empty().withArray("scaler_offset", Nd4j.createFromArray(0.5, -0.25, 1e-300))
                .withString("data", "data/ae3d.csv").withString("columns", "x;y;z");
        return new TrainingSnapshot(setup, new Progress(step, 1, 2, -8_000_000_000_000L, 0.1 + 0.2), params, states,
                adam, extras, List.of(new PluginVersion("model", "lvae", "x.LvaeProvider", "0.1.0")));
    }

    static void assertBitEqual(INDArray a, INDArray b) {
        assertEquals(a.dataType(), b.dataType());
        assertArrayEquals(a.shape(), b.shape());
        assertArrayEquals(a.dup('c').data().asDouble(), b.dup('c').data().asDouble());
    }

    @Test
    void roundTripsEveryField() throws IOException {
        TrainingSnapshot s = snapshot(12);
        Path file = dir.resolve("c.zip");
        CheckpointFile.write(file, s);
        TrainingSnapshot r = CheckpointFile.read(file);
        assertEquals(s.setup(), r.setup());
        assertEquals(s.progress(), r.progress(), "the epoch loss sum and RNG state come back exactly");
        assertEquals(s.parameters().keySet().stream().toList(), r.parameters().keySet().stream().toList());
        s.parameters().forEach((k, v) -> assertBitEqual(v, r.parameters().get(k)));
        StateDict u = r.states().get("decoder.0.weight.parametrization");
        assertBitEqual(s.states().get("decoder.0.weight.parametrization").array("u", "t"), u.array("u", "t"));
        assertEquals(s.optimizerState().scalars(), r.optimizerState().scalars());
        assertBitEqual(s.optimizerState().array("exp_avg_sq", "t"), r.optimizerState().array("exp_avg_sq", "t"));
        assertEquals(s.extras().strings(), r.extras().strings());
        assertBitEqual(s.extras().array("scaler_offset"), r.extras().array("scaler_offset"));
        assertEquals(s.plugins(), r.plugins());

        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals("manifest.json", zip.entries().nextElement().getName(), "the manifest comes first");
            JsonNode m = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
            assertEquals("lva-checkpoint", m.get("format").asText());
            assertEquals(2, m.get("formatVersion").asInt());
            assertEquals("lvae", m.at("/model/name").asText());
            assertEquals("2", m.at("/model/options/latent").asText());
            assertEquals(42, m.get("seed").asLong());
            assertEquals(12, m.at("/progress/step").asLong());
            assertEquals("params/encoder.0.weight.npy", m.at("/parameters/encoder.0.weight/entry").asText());
            assertEquals("[4,3]", m.at("/parameters/encoder.0.weight/shape").toString());
            assertEquals("float32", m.at("/parameters/encoder.0.weight/dtype").asText());
            assertEquals("optimizer/exp_avg.npy", m.at("/optimizer/state/arrays/exp_avg/entry").asText());
            assertEquals("state/decoder.0.weight.parametrization/u.npy",
                    m.at("/states/decoder.0.weight.parametrization/arrays/u/entry").asText());
            assertEquals("16", m.at("/trainer/options/batchSize").asText());
            assertEquals("gradient", m.at("/trainer/name").asText(), "the trainer's name comes from its provider");
            assertTrue(m.at("/trainer/state/scalars/epochRngStateHigh").isNumber());
            assertTrue(m.get("lvaVersion").isTextual());
            assertEquals(ZipEntry.STORED, zip.getEntry("params/encoder.0.weight.npy").getMethod());
        }
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("c.zip");
        CheckpointFile.write(file, snapshot(1));
        CheckpointFile.write(file, snapshot(2));
        assertEquals(2, CheckpointFile.read(file).step());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void folderSortsByStepAndIgnoresAndCleansTemporaryFiles() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir);
        assertEquals("checkpoint-00000012.zip", folder.pathFor(12).getFileName().toString());
        for (long step : new long[] {100, 5, 123_456_789}) {
            CheckpointFile.write(folder.pathFor(step), snapshot(step));
        }
        // what a write killed half-way leaves, and files that are not checkpoints
        Path tmp = dir.resolve(".checkpoint-999999999.zip.1f2e3d.tmp");
        Files.write(tmp, new byte[] {'P', 'K', 3, 4, 0});
        Files.writeString(dir.resolve("notes.txt"), "hi");
        Files.writeString(dir.resolve("checkpoint-x.zip"), "hi");
        assertEquals(List.of(5L, 100L, 123_456_789L),
                folder.checkpoints().stream().map(CheckpointFolder::stepOf).toList());
        assertEquals(folder.pathFor(123_456_789), folder.latest().orElseThrow());
        assertEquals(1, folder.removeTemporaryFiles());
        assertFalse(Files.exists(tmp));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        folder.keepLast(1);
        assertEquals(List.of(folder.pathFor(123_456_789)), folder.checkpoints());
        assertTrue(new CheckpointFolder(dir.resolve("absent")).latest().isEmpty());
    }

    @Test
    void limitsAreCheckedBeforeInflating() throws IOException {
        Path file = dir.resolve("c.zip");
        CheckpointFile.write(file, snapshot(3));
        String many = assertThrows(CheckpointException.class,
                () -> CheckpointFile.read(file, new CheckpointFile.Limits(3, 1 << 20, 1 << 20))).getMessage();
        assertTrue(many.endsWith("zip entries, more than the 3 a checkpoint may have"), many);
        String big = assertThrows(CheckpointException.class,
                () -> CheckpointFile.read(file, new CheckpointFile.Limits(100, 200, 1 << 20))).getMessage();
        assertTrue(big.contains("declares") && big.contains("more than the 200 an entry may have"), big);

        // a bomb: 64 MiB of zeros deflate to about 64 KiB
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        String msg = assertThrows(CheckpointException.class, () -> CheckpointFile.read(bomb)).getMessage();
        assertEquals(bomb + ": manifest.json declares 67108864 bytes, more than a manifest may have (16777216)", msg);
    }

    @Test
    void refusesForeignAndNewerFiles() throws IOException {
        Path foreign = dir.resolve("foreign.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(foreign))) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write("{\"format\": \"something-else\", \"formatVersion\": 1}".getBytes());
            z.closeEntry();
        }
        assertEquals(foreign + ": not an lva checkpoint (manifest.json has format \"something-else\", expected "
                + "\"lva-checkpoint\")", assertThrows(CheckpointException.class,
                () -> CheckpointFile.read(foreign)).getMessage());
        Path newer = dir.resolve("newer.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(newer))) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write("{\"format\": \"lva-checkpoint\", \"formatVersion\": 3}".getBytes());
            z.closeEntry();
        }
        assertEquals(newer + ": checkpoint format version 3 was written by a newer lva; this build reads version 2",
                assertThrows(CheckpointException.class, () -> CheckpointFile.read(newer)).getMessage());
    }

    @Test
    void nonFiniteParametersAreFound() {
        TrainingSnapshot s = snapshot(1);
        assertNull(s.firstNonFiniteValue());
        s.parameters().get("encoder.0.bias").putScalar(0, 2, Double.NaN);
        assertEquals("parameter encoder.0.bias[2] = NaN", s.firstNonFiniteValue());
        TrainingSnapshot t = snapshot(1);
        t.optimizerState().array("exp_avg", "t").putScalar(0, 5, Double.POSITIVE_INFINITY);
        assertEquals("optimizer state exp_avg[5] = Infinity", t.firstNonFiniteValue());
    }

    /** numpy opens a checkpoint as an .npz archive and reads every array. */
    @Test
    void numpyReadsTheArrays() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c",
                "import numpy").start().waitFor() == 0, "skipped: /usr/bin/python3 with numpy is not available");
        Path file = dir.resolve("c.zip");
        TrainingSnapshot s = snapshot(4);
        CheckpointFile.write(file, s);
        Path out = dir.resolve("sum.txt");
        String script = "import numpy as np, json, zipfile, sys\n"
                + "z = np.load(sys.argv[1])\n"
                + "m = json.loads(zipfile.ZipFile(sys.argv[1]).read('manifest.json'))\n"
                + "w = z['params/encoder.0.weight']\n"
                + "assert w.dtype == np.float32 and w.shape == tuple(m['parameters']['encoder.0.weight']['shape'])\n"
                + "open(sys.argv[2], 'w').write(repr(float(w.astype(np.float64).sum())))\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, file.toString(), out.toString()).inheritIO()
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        double expected = 0;
        for (double v : s.parameters().get("encoder.0.weight").dup('c').data().asDouble()) {
            expected += v;
        }
        assertEquals(expected, Double.parseDouble(Files.readString(out)), 1e-9);
    }
}
