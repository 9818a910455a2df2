package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.checkpoint.TrainingSnapshot;
import dev.lva.core.data.DataException;
import dev.lva.core.data.DataFiles;
import dev.lva.core.io.Npy;
import dev.lva.core.train.Progress;
import dev.lva.core.train.TrainerOptions;
import dev.lva.core.train.TrainingChecks;
import dev.lva.core.train.Trainers;
import dev.lva.models.AutoEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bad input of every kind the issue lists, through the library: data files, options and
 * checkpoints. Each case names what it feeds and the message it expects, exactly ({@code {dir}}
 * stands for the folder of the files), or its start when it ends with "...". Every message is an
 * {@link LvaException}'s, fit for one line on a terminal.
 */
class BadInputTest {
    @TempDir
    static Path dir;

    /** A case: the call, the exception type, the message. */
    private record Case(String name, Class<? extends LvaException> type, String expected, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void csv(String name, String text) throws IOException {
        DataFiles.read(file(name, text), DataFiles.Options.defaults());
    }

    private static void npy(String name, byte[] bytes) throws IOException {
        DataFiles.read(file(name, bytes), DataFiles.Options.defaults());
    }

    private static TrainingSetup lvae(String... options) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("in", "3", "latent", "2", "hidden", "8"));
        for (String kv : options) {
            o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return new TrainingSetup(new PluginSpec("lvae", o), PluginSpec.parse("adam"), TrainerOptions.fullBatch(5), 0);
    }

    private static RunState start(TrainingSetup setup) {
        return Checkpoints.start(setup, Extras.empty(), TestRuns.PLUGINS);
    }

    /** A valid checkpoint of a fresh small LVAE, changed by {@code edit} before it is written. */
    private static Path checkpoint(String name, UnaryOperator<TrainingSnapshot> edit) {
        RunState run = start(lvae());
        TrainingSnapshot s = edit.apply(Checkpoints.capture(run, Progress.start(0), TestRuns.PLUGINS));
        Path p = dir.resolve(name);
        Checkpoints.save(p, s);
        return p;
    }

    private static TrainingSnapshot withParameters(TrainingSnapshot s, Map<String, INDArray> parameters) {
        return new TrainingSnapshot(s.setup(), s.progress(), parameters, s.states(), s.optimizerState(), s.extras(),
                s.plugins());
    }

    private static void load(Path p) {
        Checkpoints.load(p, TestRuns.PLUGINS);
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Sets the uncompressed size that the central directory declares for {@code entry}. */
    private static byte[] declareSize(byte[] zip, String entry, long size) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == name.length
                    && Arrays.equals(Arrays.copyOfRange(zip, i + 46, i + 46 + name.length), name)) {
                b.putInt(i + 24, (int) size);
                return b.array();
            }
        }
        throw new IllegalStateException("no central directory record for " + entry);
    }

    @TestFactory
    Stream<DynamicTest> everyKindOfBadInputIsAClearError() throws IOException {
        byte[] good = Npy.toBytes(Nd4j.rand(DataType.FLOAT, 10, 3));
        INDArray withNaN = Nd4j.rand(DataType.DOUBLE, 4, 3);
        withNaN.putScalar(1, 2, Double.NaN);
        List<Case> cases = new ArrayList<>(List.of(
                // ---- CSV
                new Case("csv: non-numeric cell", DataException.class,
                        "{dir}/a.csv:3: column 2 (b): 'abc' is not a number", () -> csv("a.csv", "a,b\n1,2\n3,abc\n")),
                new Case("csv: empty cell", DataException.class, "{dir}/b.csv:3: column 1 (a): the cell is empty",
                        () -> csv("b.csv", "a,b\n1,2\n,4\n")),
                new Case("csv: ragged row", DataException.class,
                        "{dir}/c.csv:4: row has 3 cells, expected 2 as on line 1",
                        () -> csv("c.csv", "a,b\n1,2\n3,4\n5,6,7\n")),
                new Case("csv: NaN", DataException.class, "{dir}/d.csv:2: column 1 (a): value NaN is not finite",
                        () -> csv("d.csv", "a,b\nNaN,2\n")),
                new Case("csv: infinity", DataException.class, "{dir}/e.csv:3: column 2 (b): value -inf is not finite",
                        () -> csv("e.csv", "a,b\n1,2\n3,-inf\n")),
                new Case("csv: empty file", DataException.class, "{dir}/f.csv: the file is empty",
                        () -> csv("f.csv", "")),
                new Case("csv: header only", DataException.class, "{dir}/g.csv: the file has a header but no data rows",
                        () -> csv("g.csv", "a,b,c\n")),
                new Case("csv: too large for float32", DataException.class,
                        "{dir}/h.csv:2: column 2 (b): value 1e39 is too large for float32",
                        () -> csv("h.csv", "a,b\n1,1e39\n")),
                new Case("csv: unknown column", DataException.class,
                        "{dir}/i.csv: no column named 'z'; columns are [a, b]",
                        () -> DataFiles.read(file("i.csv", "a,b\n1,2\n"), DataFiles.Options.defaults()
                                .withColumns(List.of("z")))),
                new Case("csv: not UTF-8", DataException.class, "{dir}/j.csv: not UTF-8 text (is it a CSV file?)",
                        () -> npy("j.csv", new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xff, '\n'})),
                new Case("csv: unclosed quote", DataException.class, "{dir}/k.csv:",
                        () -> csv("k.csv", "a,b\n1,\"2\n3,4\n")),
                new Case("data: unsupported file type", DataException.class,
                        "{dir}/l.txt: unsupported file type '.txt' (use .csv or .npy)", () -> csv("l.txt", "1,2\n")),
                new Case("data: missing file", DataException.class, "{dir}/absent.csv: no such file",
                        () -> DataFiles.read(dir.resolve("absent.csv"), DataFiles.Options.defaults())),
                // ---- .npy
                new Case("npy: wrong dtype", DataException.class, "{dir}/a.npy: dtype '<i2' is not supported (float32 "
                        + "or float64; int32 and int64 are read as float64, uint8 as float32 0..255)",
                        () -> npy("a.npy", rawNpy("<i2", "(3,)", 6))),
                new Case("npy: wrong rank", DataException.class, "{dir}/b.npy: expected a 1-D or 2-D array, got shape "
                        + "(2, 3, 4)", () -> npy("b.npy", Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 2, 3, 4)))),
                new Case("npy: truncated data", DataException.class, "{dir}/c.npy: truncated: header says 10 x 3 float32 "
                        + "= 120 bytes, the file has 60", () -> npy("c.npy", Arrays.copyOf(good, good.length - 60))),
                new Case("npy: truncated header", DataException.class, "{dir}/d.npy: truncated: the header claims 118 "
                        + "bytes, the file has 20 after the magic", () -> npy("d.npy", Arrays.copyOf(good, 30))),
                new Case("npy: NaN", DataException.class, "{dir}/e.npy: the value at [1, 2] (row 2, column 3) is NaN; the "
                        + "data must be finite", () -> npy("e.npy", Npy.toBytes(withNaN))),
                new Case("npy: not an npy file", DataException.class,
                        "{dir}/f.npy: not a .npy file (it does not start with \\x93NUMPY)", () -> npy("f.npy",
                        "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII))),
                new Case("npy: no rows", DataException.class, "{dir}/g.npy: the array has no rows (shape (0, 3))",
                        () -> npy("g.npy", rawNpy("<f4", "(0, 3)", 0))),
                // ---- options, before training
                new Case("options: one row for a batch std", LvaException.class, "the volume penalty needs at least 2 "
                        + "rows a batch (a standard deviation of one row is undefined); the data has 1 row",
                        () -> TrainingChecks.requireBatches(1, TrainerOptions.fullBatch(10),
                                ((AutoEncoder) start(lvae()).model()).latentPenalty())),
                new Case("options: batches of one row", LvaException.class, "batch size 1 is too small: the volume "
                        + "penalty needs at least 2 rows a batch (a standard deviation of one row is undefined)",
                        () -> TrainingChecks.requireBatches(101, TrainerOptions.minibatch(1, 1, 0),
                                ((AutoEncoder) start(lvae()).model()).latentPenalty())),
                new Case("options: batch larger than the data", LvaException.class,
                        "batch size 200 is larger than the data (100 rows)", () -> TrainingChecks.requireBatches(100,
                        TrainerOptions.minibatch(1, 200, 0), null)),
                new Case("options: latent size 0", LvaException.class,
                        "invalid options for lvae: in and latent must be >= 1, got 3 and 0",
                        () -> start(lvae("latent=0"))),
                new Case("options: negative lambda", LvaException.class,
                        "invalid options for volume: lambda must be >= 0, got -1.0",
                        () -> start(lvae("regularizer=volume:lambda=-1"))),
                new Case("options: eta <= 0 with the volume", LvaException.class,
                        "invalid options for volume: eta must be > 0 (log(std + eta) needs it), got 0.0",
                        () -> start(lvae("regularizer=volume:eta=0"))),
                new Case("options: unknown regularizer", LvaException.class, "unknown regularizer 'volum'; known "
                        + "regularizers: l1-std, l2, lasso, student-t, volume", () -> start(lvae("regularizer=volum"))),
                new Case("options: unknown model", LvaException.class, "unknown model 'lvea'; known models: autoencoder, "
                        + "conv-lvae, linear-regression, lvae, mlp, pca, snmlp", () -> Checkpoints.start(new TrainingSetup(
                        new PluginSpec("lvea", Map.of()), PluginSpec.parse("adam"), TrainerOptions.fullBatch(1), 0),
                        Extras.empty(), TestRuns.PLUGINS)),
                new Case("options: zero epochs", LvaException.class, "invalid options for gradient: epochs must be >= 1, "
                        + "got 0", () -> Options.bind(new Trainers.Gradient().defaultOptions(), Map.of("epochs", "0"),
                        "gradient")),
                new Case("options: a non-numeric learning rate", LvaException.class,
                        "option 'lr' of adam expects a number, got 'fast'", () -> Checkpoints.start(new TrainingSetup(
                        new PluginSpec("lvae", Map.of()), PluginSpec.parse("adam:lr=fast"), TrainerOptions.fullBatch(1),
                        0), Extras.empty(), TestRuns.PLUGINS)),
                // ---- checkpoints
                new Case("checkpoint: empty file", CheckpointException.class,
                        "{dir}/empty.zip: the file is empty, not a checkpoint", () -> load(file("empty.zip", new byte[0]))),
                new Case("checkpoint: not a zip", CheckpointException.class, "{dir}/text.zip: not a checkpoint (not a zip "
                        + "file)", () -> load(file("text.zip", "hello"))),
                new Case("checkpoint: an empty zip", CheckpointException.class, "{dir}/nothing.zip: not a checkpoint (an "
                        + "empty zip file)", () -> load(file("nothing.zip", zip(Map.of())))),
                new Case("checkpoint: truncated", CheckpointException.class, "{dir}/cut.zip: not a readable checkpoint "
                        + "(broken or truncated zip: ", () -> {
                    byte[] b = Files.readAllBytes(checkpoint("whole.zip", s -> s));
                    load(file("cut.zip", Arrays.copyOf(b, b.length / 2)));
                }),
                new Case("checkpoint: foreign zip", CheckpointException.class, "{dir}/foreign.zip: not an lva checkpoint "
                        + "(the zip has no manifest.json; it has notes.txt, x.npy)",
                        () -> load(file("foreign.zip", zip(Map.of("notes.txt", "hi", "x.npy", ""))))),
                new Case("checkpoint: newer format version", CheckpointException.class, "{dir}/v3.zip: checkpoint format "
                        + "version 3 was written by a newer lva; this build reads version 2", () -> load(file("v3.zip",
                        zip(Map.of("manifest.json", "{\"format\": \"lva-checkpoint\", \"formatVersion\": 3}"))))),
                new Case("checkpoint: manifest is not JSON", CheckpointException.class,
                        "{dir}/json.zip: manifest.json is not valid JSON: ", () -> load(file("json.zip",
                        zip(Map.of("manifest.json", "{\"format\": \"lva-checkpoint\","))))),
                new Case("checkpoint: manifest lacks a field", CheckpointException.class,
                        "{dir}/field.zip: manifest.json: 'lvaVersion' is missing", () -> load(file("field.zip",
                        zip(Map.of("manifest.json", "{\"format\": \"lva-checkpoint\", \"formatVersion\": 1}"))))),
                new Case("checkpoint: a huge declared size", CheckpointException.class, "{dir}/bomb.zip: entry "
                        + "manifest.json declares 4026531840 bytes, more than the 2147483648 an entry may have", () -> {
                    byte[] b = Files.readAllBytes(checkpoint("pre-bomb.zip", s -> s));
                    load(file("bomb.zip", declareSize(b, "manifest.json", 0xF0000000L)));
                }),
                new Case("checkpoint: a corrupt entry", CheckpointException.class, "{dir}/crc.zip: entry "
                        + "params/encoder.0.weight.npy is corrupt (CRC mismatch)", () -> {
                    byte[] b = Files.readAllBytes(checkpoint("pre-crc.zip", s -> s));
                    byte[] name = "params/encoder.0.weight.npy".getBytes(StandardCharsets.UTF_8);
                    int at = indexOf(b, name) + name.length + 128 + 8; // inside the first entry's data
                    b[at] ^= 0x10;
                    load(file("crc.zip", b));
                }),
                new Case("checkpoint: a parameter of another shape", CheckpointException.class, "{dir}/shape.zip: "
                        + "parameter 'encoder.0.weight' has shape (8, 4) in the checkpoint, the model has (8, 3)",
                        () -> load(checkpoint("shape.zip", s -> {
                            Map<String, INDArray> p = new LinkedHashMap<>(s.parameters());
                            p.put("encoder.0.weight", Nd4j.zeros(DataType.FLOAT, 8, 4));
                            return withParameters(s, p);
                        }))),
                new Case("checkpoint: a missing parameter", CheckpointException.class, "{dir}/missing.zip: no parameter "
                        + "'decoder.2.bias', which the model has", () -> load(checkpoint("missing.zip", s -> {
                            Map<String, INDArray> p = new LinkedHashMap<>(s.parameters());
                            p.remove("decoder.2.bias");
                            return withParameters(s, p);
                        }))),
                new Case("checkpoint: optimizer state of another size", CheckpointException.class, "{dir}/adam.zip: "
                        + "optimizer state 'exp_avg' has 10 values, the model has 101 parameters",
                        () -> load(checkpoint("adam.zip", s -> new TrainingSnapshot(s.setup(), s.progress(),
                                s.parameters(), s.states(), new StateDict(1, ordered("exp_avg", Nd4j.zeros(DataType.FLOAT,
                                1, 10), "exp_avg_sq", Nd4j.zeros(DataType.FLOAT, 1, 10)), Map.of("step", 1.0, "lr", 1e-3)),
                                s.extras(), s.plugins())))),
                new Case("checkpoint: state of another version", CheckpointException.class, "{dir}/sn.zip: state "
                        + "'decoder.0.weight.parametrization' has version 7, this build reads version 1",
                        () -> load(checkpoint("sn.zip", s -> {
                            Map<String, StateDict> st = new LinkedHashMap<>(s.states());
                            StateDict sn = st.get("decoder.0.weight.parametrization");
                            st.put("decoder.0.weight.parametrization", new StateDict(7, sn.arrays(), sn.scalars()));
                            return new TrainingSnapshot(s.setup(), s.progress(), s.parameters(), st, s.optimizerState(),
                                    s.extras(), s.plugins());
                        }))),
                new Case("checkpoint: an unknown model plugin", CheckpointException.class, "{dir}/plugin.zip: unknown "
                        + "model 'vae-gan'; known models: autoencoder, conv-lvae, linear-regression, lvae, mlp, pca, snmlp",
                        () -> load(checkpoint("plugin.zip", s -> new TrainingSnapshot(new TrainingSetup(
                                new PluginSpec("vae-gan", Map.of()), s.setup().optimizer(), s.setup().trainer(), 0),
                                s.progress(), s.parameters(), s.states(), s.optimizerState(), s.extras(), List.of())))),
                // hidden 30000;30000 on 3 -> 2 -> 3 is 1,800,420,005 parameters; the file holds the 101 of hidden 8
                new Case("checkpoint: options that ask for a huge model", CheckpointException.class, "{dir}/huge.zip: "
                        + "the model would have 1800420005 parameters; the file holds 101",
                        () -> load(checkpoint("huge.zip", s -> {
                            Map<String, String> o = new LinkedHashMap<>(s.setup().model().options());
                            o.put("hidden", "30000;30000");
                            return new TrainingSnapshot(new TrainingSetup(new PluginSpec("lvae", o),
                                    s.setup().optimizer(), s.setup().trainer(), 0), s.progress(), s.parameters(),
                                    s.states(), s.optimizerState(), s.extras(), s.plugins());
                        }))),
                new Case("checkpoint: data of another width", CheckpointException.class, "the model was trained on 3 "
                        + "columns, the data has 5 (data.csv; model from {dir}/width.zip)",
                        () -> Checkpoints.load(checkpoint("width.zip", s -> s), TestRuns.PLUGINS)
                                .requireInputWidth(5, "data.csv")),
                new Case("checkpoint: missing file", CheckpointException.class, "{dir}/none.zip: no such file",
                        () -> load(dir.resolve("none.zip")))));
        assertTrue(cases.size() >= 25, "at least 25 kinds of bad input");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            LvaException e = assertThrows(LvaException.class, () -> c.action().run(), c.name());
            assertTrue(c.type().isInstance(e), c.name() + ": " + e.getClass().getName() + ": " + e.getMessage());
            String expected = c.expected().replace("{dir}", dir.toString());
            if (expected.endsWith(": ") || expected.endsWith(":")) {
                assertTrue(e.getMessage().startsWith(expected), c.name() + ": " + e.getMessage());
            } else {
                assertEquals(expected, e.getMessage(), c.name());
            }
            assertFalse(e.getMessage().contains("Exception"), c.name() + ": no class names in " + e.getMessage());
        }));
    }

    private static byte[] rawNpy(String dtype, String shape, int dataBytes) {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int len = dict.length() + 1;
        int pad = 64 - (10 + len) % 64;
        ByteBuffer b = ByteBuffer.allocate(10 + len + pad + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) (len + pad))
                .put((dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    private static Map<String, INDArray> ordered(String k1, INDArray v1, String k2, INDArray v2) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
