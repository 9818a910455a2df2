package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.train.TrainerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random mutations of a valid checkpoint fed to {@link Checkpoints#load}: each either loads (and
 * then trains a step) or fails with an {@link LvaException}; never another exception, a hang or an
 * out-of-memory error. Three kinds: bytes of the file itself (mostly caught by the zip's structure
 * and CRCs), bytes of one entry re-zipped with a valid CRC (the .npy and JSON parsers), and values
 * of the manifest's JSON re-zipped (the manifest's checks and the model's rebuild).
 */
class CheckpointFuzzTest {
    private static final int RAW = 1200;
    private static final int ENTRY = 800;
    private static final int JSON = 800;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private byte[] valid;
    private Map<String, byte[]> entries;
    private INDArray data;
    private int loaded;
    private int rejected;

    @BeforeEach
    void writeAValidCheckpoint() throws IOException {
        data = TestRuns.curve(60);
        RunState run = Checkpoints.start(TestRuns.lvae(3), Extras.empty().withString("data", "curve.csv")
                .withArray("offset", data.mean(0)), TestRuns.PLUGINS);
        Path d = dir.resolve("valid");
        run.fit(TrainingData.autoencoding(data), List.of(Checkpoints.listener(
                CheckpointListener.Options.everySteps(d, 100), run, TestRuns.PLUGINS)));
        Path file = Files.list(d).filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        valid = Files.readAllBytes(file);
        entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> it = z.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void mutatedCheckpointsLoadOrFailCleanly() throws Exception {
        Random rnd = new Random(Long.getLong("fuzz.seed", 5));
        for (int i = 0; i < RAW; i++) {
            check("raw " + i, mutate(valid, rnd));
        }
        List<String> names = new ArrayList<>(entries.keySet());
        for (int i = 0; i < ENTRY; i++) {
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            String name = names.get(rnd.nextInt(names.size()));
            copy.put(name, mutate(copy.get(name), rnd));
            check("entry " + name + " " + i, zip(copy));
        }
        for (int i = 0; i < JSON; i++) {
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            JsonNode manifest = MAPPER.readTree(entries.get("manifest.json"));
            String what = mutateJson(manifest, rnd);
            copy.put("manifest.json", MAPPER.writeValueAsBytes(manifest));
            check("json " + i + " (" + what + ")", zip(copy));
        }
        int total = RAW + ENTRY + JSON;
        org.slf4j.LoggerFactory.getLogger(CheckpointFuzzTest.class).info("{} mutated checkpoints loaded, {} rejected",
                loaded, rejected);
        assertTrue(loaded > total / 50 && rejected > total / 2,
                "the mutations exercise both outcomes: " + loaded + " loaded, " + rejected + " rejected");
    }

    private void check(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve("case.zip");
        Files.write(file, bytes);
        Future<?> result = executor.submit(() -> {
            RunState run = Checkpoints.load(file, TestRuns.PLUGINS);
            // a loaded checkpoint must also train, from where it says it stands
            TrainerOptions more = new TrainerOptions((int) Math.min(Integer.MAX_VALUE,
                    run.progress().epoch() + 1L), run.setup().trainer().batchSize(),
                    true, run.setup().trainer().seed());
            if (run.setup().trainer().batchSize() <= data.rows() && run.inputWidth() == 3) {
                new dev.lva.core.train.GradientTrainer(more).fit(run.model(), run.optimizer(),
                        TrainingData.autoencoding(data), List.of(stopAfterOne()), run.progress());
            }
            return null;
        });
        try {
            result.get(30, TimeUnit.SECONDS);
            loaded++;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof LvaException)) {
                fail(name + " failed with " + e.getCause(), e.getCause());
            }
            rejected++;
        } catch (TimeoutException e) {
            fail(name + " hung");
        }
    }

    private static TrainingListener stopAfterOne() {
        return new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                run.requestStop("one step");
            }
        };
    }

    private static byte[] zip(Map<String, byte[]> content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Replaces, removes or retypes one value somewhere in the manifest; returns what it did. */
    private static String mutateJson(JsonNode root, Random rnd) {
        List<Object[]> slots = new ArrayList<>();
        collect(root, "", slots);
        Object[] slot = slots.get(rnd.nextInt(slots.size()));
        JsonNode parent = (JsonNode) slot[0];
        String path = (String) slot[2];
        JsonNode old = parent.isObject() ? parent.get((String) slot[1]) : parent.get((Integer) slot[1]);
        JsonNode replacement = replacement(old, rnd);
        if (parent instanceof ObjectNode o) {
            if (replacement == null) {
                o.remove((String) slot[1]);
            } else {
                o.set((String) slot[1], replacement);
            }
        } else {
            ArrayNode a = (ArrayNode) parent;
            if (replacement == null) {
                a.remove((Integer) slot[1]);
            } else {
                a.set((Integer) slot[1], replacement);
            }
        }
        return path + " = " + replacement;
    }

    private static void collect(JsonNode node, String path, List<Object[]> slots) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                slots.add(new Object[] {node, k, path + "/" + k});
                collect(node.get(k), path + "/" + k, slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Object[] {node, i, path + "/" + i});
                collect(node.get(i), path + "/" + i, slots);
            }
        }
    }

    private static final String[] STRINGS = {"", "abc", "0", "-1", "1", "2", "7", "1e9", "2147483648", "100000",
        "16;16;16", "16;-3", "true", "nan", "float64", "float16", "lvae", "adam", "sgd", "mlp", "pca", "none",
        "volume:lambda=-1", "volume:eta=0", "plummet:threshold=2", "relu", "tanh", "x/../y", "manifest.json",
        "params/encoder.0.weight.npy", "optimizer/exp_avg.npy"};

    private static JsonNode replacement(JsonNode old, Random rnd) {
        switch (rnd.nextInt(old.isTextual() ? 3 : 2)) {
            case 0:
                return null;
            case 2:
                return NODES.textNode(STRINGS[rnd.nextInt(STRINGS.length)]);
            default:
                break;
        }
        JsonNode[] pool = {NODES.nullNode(), NODES.textNode("abc"), NODES.numberNode(-1), NODES.numberNode(0),
            NODES.numberNode(1), NODES.numberNode(3), NODES.numberNode(2.5), NODES.numberNode(1e300),
            NODES.numberNode(1L << 40), NODES.numberNode(Long.MAX_VALUE), NODES.booleanNode(true), NODES.arrayNode(),
            NODES.objectNode(), NODES.arrayNode().add(16).add(3), NODES.arrayNode().add(100000).add(100000),
            NODES.arrayNode().add(-1), NODES.textNode("float32")};
        return pool[rnd.nextInt(pool.length)];
    }

    static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                int at = rnd.nextInt(b.length);
                b[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            case 3 -> {
                byte[] s = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(s);
                int at = rnd.nextInt(b.length + 1);
                byte[] out = new byte[b.length + s.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(s, 0, out, at, s.length);
                System.arraycopy(b, at, out, at + s.length, b.length - at);
                b = out;
            }
            default -> {
                int from = rnd.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + rnd.nextInt(16));
                byte[] out = new byte[b.length - (to - from)];
                System.arraycopy(b, 0, out, 0, from);
                System.arraycopy(b, to, out, from, b.length - to);
                b = out;
            }
        }
        return b;
    }
}
