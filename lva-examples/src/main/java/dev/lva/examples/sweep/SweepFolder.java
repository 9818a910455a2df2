package dev.lva.examples.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.api.plugin.Options;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.examples.run.Outputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A sweep's folder, written by the driver only:
 * <pre>
 * DIR/sweep.csv, DIR/report.html   the comparison
 * DIR/runs/NAME/                   a finished run: lva fit's files and run.json (its row)
 * DIR/checkpoints/NAME/            the newest checkpoint of a run not finished yet
 * </pre>
 * A run's folder appears whole or not at all (written beside it, then renamed into place), so a
 * folder under {@code runs/} is a finished run, and running the sweep again skips it. {@code lva fit
 * --seeds} keeps its run folders in {@code DIR} itself ({@code DIR/seed-S/}).
 */
public final class SweepFolder {
    public static final String RUNS = "runs";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String TABLE = "sweep.csv";
    /** A run's row, beside lva fit's own files. */
    public static final String RUN_FILE = "run.json";
    private static final String OPTIONS_FILE = "options.json";
    private static final String LOCK_FILE = ".lock";
    /** Options that do not change a run's numbers: a finished run stays finished when only these change. */
    private static final Set<String> BOOKKEEPING = Set.of("out", "checkpointEvery", "checkpointSeconds", "keep");

    /** What a sweep's messages tell a user whose folder holds a run that is not the sweep's. */
    public static final String REMEDY = "give the sweep another --out, or remove that folder to train it again";

    private final Path dir;
    private final Path runs;
    private final boolean replace;
    private final String remedy;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SweepFolder(Path dir) {
        this(dir, dir.resolve(RUNS), false, REMEDY);
    }

    /**
     * @param runs    the folder of the run folders
     * @param replace train again, and replace, a run folder that holds another run (other options, or
     *                files this sweep did not write) instead of refusing it
     * @param remedy  what the refusal tells the user to do
     */
    public SweepFolder(Path dir, Path runs, boolean replace, String remedy) {
        this.dir = dir;
        this.runs = runs;
        this.replace = replace;
        this.remedy = remedy;
    }

    public Path dir() {
        return dir;
    }

    public Path runDir(String name) {
        return runs.resolve(name);
    }

    /**
     * Creates the folder, takes its lock (two drivers writing one sweep would overwrite each other's
     * runs; the system drops the lock when the process ends, however it ends) and removes what a
     * killed driver left half written.
     *
     * @return the lock, to close when the sweep ends
     */
    public AutoCloseable prepare() {
        java.nio.channels.FileChannel channel = null;
        try {
            Files.createDirectories(runs);
            channel = java.nio.channels.FileChannel.open(dir.resolve(LOCK_FILE), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // this process holds it already
            }
            if (lock == null) {
                channel.close();
                throw new LvaException(dir + ": another sweep is writing into this folder; wait for it to end, or give"
                        + " this one another --out");
            }
            try (Stream<Path> entries = Files.list(runs)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    if (halfWritten(p.getFileName().toString())) {
                        PointTrainer.deleteTree(p);
                    }
                }
            }
            java.nio.channels.FileChannel held = channel;
            java.nio.channels.FileLock taken = lock;
            return () -> {
                taken.release();
                held.close();
            };
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the lock goes with the channel
                }
            }
            throw new UncheckedIOException("cannot prepare the sweep folder " + dir + ": " + e, e);
        }
    }

    /** What {@link #writeRun} leaves when the driver dies while it writes ({@code .NAME.UUID.tmp}, {@code .old}). */
    private static boolean halfWritten(String name) {
        return name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".old"));
    }

    /**
     * The finished run of {@code point}, read back from its folder; empty when it has none (or holds
     * another run, and this folder replaces such runs).
     *
     * @throws LvaException when the folder holds a run of other options (the grid changed, the folder
     *                      did not), or files this sweep did not write (a run of {@code lva fit})
     */
    public Optional<RunRecord> finished(SweepPoint point) {
        Path file = runDir(point.name()).resolve(RUN_FILE);
        if (!Files.isRegularFile(file)) {
            List<String> foreign = contents(runDir(point.name()));
            if (!foreign.isEmpty() && !replace) {
                throw new LvaException(runDir(point.name()) + " holds files this sweep did not write ("
                        + String.join(", ", foreign) + "): " + remedy);
            }
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new LvaException(file + ": cannot read this finished run's record (" + e.getMessage()
                    + "); remove its folder to train it again");
        }
        String differs = difference(options(root.path("options")), Options.format(point.config()));
        if (differs != null) {
            if (replace) {
                return Optional.empty();
            }
            throw new LvaException(runDir(point.name()) + " holds a run trained with other options (" + differs
                    + "): " + remedy);
        }
        RunOutcome.Status status = RunOutcome.Status.valueOf(root.path("status").asText("ok").toUpperCase());
        RunMetrics metrics = status == RunOutcome.Status.OK ? metrics(root) : null;
        return Optional.of(RunRecord.of(point, status, root.path("message").asText(""), metrics));
    }

    /** The first few names in a folder, hidden ones (a lock file) left out; empty when it is empty or absent. */
    private static List<String> contents(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Files.exists(folder) ? List.of(folder.getFileName().toString()) : List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
                    .toList();
            return names.size() <= 4 ? names : List.of(String.join(", ", names.subList(0, 3)), "... "
                    + (names.size() - 3) + " more");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the folder " + folder + ": " + e, e);
        }
    }

    /** Writes a run's folder as one piece: its files and its row, then the rename. */
    public void writeRun(SweepPoint point, RunOutcome outcome) {
        Path target = runDir(point.name());
        Path tmp = runs.resolve("." + point.name() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(tmp);
            for (Map.Entry<String, byte[]> f : outcome.files().entrySet()) {
                Path p = tmp.resolve(f.getKey()).normalize();
                if (!p.startsWith(tmp)) {
                    throw new LvaException("run " + point.name() + " sent a file outside its folder: " + f.getKey());
                }
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            if (!outcome.files().containsKey(Outputs.CONFIG_FILE)) {
                Files.writeString(tmp.resolve(Outputs.CONFIG_FILE), Outputs.configYaml(point.config()));
            }
            Files.write(tmp.resolve(RUN_FILE), json.writeValueAsBytes(row(point, outcome)));
            if (Files.exists(target)) {
                Path old = runs.resolve("." + point.name() + "." + UUID.randomUUID() + ".old");
                Files.move(target, old);
                move(tmp, target);
                PointTrainer.deleteTree(old);
            } else {
                move(tmp, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run folder " + target + ": " + e, e);
        } finally {
            PointTrainer.deleteTree(tmp);
        }
    }

    /** Keeps {@code c} as the newest checkpoint of its run (and drops the older one). */
    public void saveCheckpoint(SweepPoint point, CheckpointBytes c) {
        Path folder = dir.resolve(CHECKPOINTS).resolve(point.name());
        try {
            Path options = folder.resolve(OPTIONS_FILE);
            if (!Files.exists(options)) {
                AtomicFiles.write(options, json.writeValueAsBytes(Options.format(point.config())));
            }
            Path file = folder.resolve(c.file());
            AtomicFiles.write(file, c.bytes());
            for (Path p : new CheckpointFolder(folder).checkpoints()) {
                if (!p.equals(file) && CheckpointFolder.stepOf(p) < c.step()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep checkpoint " + c + " in " + folder + ": " + e, e);
        }
    }

    /** The newest checkpoint of an unfinished run, if one was kept for the same options. */
    public Optional<CheckpointBytes> checkpoint(SweepPoint point) {
        Path folder = dir.resolve(CHECKPOINTS).resolve(point.name());
        Optional<Path> latest = new CheckpointFolder(folder).latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, String> saved = options(json.readTree(folder.resolve(OPTIONS_FILE).toFile()));
            if (difference(saved, Options.format(point.config())) != null) {
                dropCheckpoints(point.name());
                return Optional.empty();
            }
            Path p = latest.get();
            return Optional.of(new CheckpointBytes(point.name(), p.getFileName().toString(), CheckpointFolder.stepOf(p),
                    Files.readAllBytes(p)));
        } catch (IOException e) {
            // a checkpoint we cannot read is no checkpoint: the run starts over
            dropCheckpoints(point.name());
            return Optional.empty();
        }
    }

    public void dropCheckpoints(String name) {
        PointTrainer.deleteTree(dir.resolve(CHECKPOINTS).resolve(name));
        Path all = dir.resolve(CHECKPOINTS);
        try (Stream<Path> rest = Files.exists(all) ? Files.list(all) : Stream.empty()) {
            if (rest.findAny().isEmpty()) {
                Files.deleteIfExists(all);
            }
        } catch (IOException e) {
            // an empty folder left behind costs nothing
        }
    }

    private Map<String, Object> row(SweepPoint point, RunOutcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", point.name());
        m.put("status", outcome.status().label());
        m.put("message", outcome.message());
        m.put("values", point.values());
        m.put("penalty", point.penalty());
        m.put("lambda", point.lambda());
        m.put("seed", point.seed());
        RunMetrics r = outcome.metrics();
        if (r != null) {
            m.put("dims_explained", r.dimsExplained());
            m.put("dims_std", r.dimsStd());
            m.put("reconstruction_mse", r.reconstruction());
            m.put("loss_total", r.lossTotal());
            m.put("loss_reconstruction", r.lossData());
            m.put("loss_penalty", r.lossPenalty());
            m.put("steps", r.steps());
            m.put("converged", r.converged());
            m.put("seconds", r.seconds());
            m.put("stds_sorted", r.sortedStds());
        }
        m.put("options", Options.format(point.config()));
        return m;
    }

    private static RunMetrics metrics(JsonNode n) {
        JsonNode stds = n.path("stds_sorted");
        double[] s = new double[stds.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = number(stds.get(i));
        }
        JsonNode conv = n.path("converged");
        // null (a run without a count) reads back as null, not as 0
        return new RunMetrics(n.path("dims_explained").isNumber() ? n.path("dims_explained").asInt() : null,
                n.path("dims_std").isNumber() ? n.path("dims_std").asInt() : null,
                number(n.path("reconstruction_mse")), number(n.path("loss_total")), number(n.path("loss_reconstruction")),
                number(n.path("loss_penalty")), n.path("steps").asLong(), conv.isBoolean() ? conv.asBoolean() : null,
                number(n.path("seconds")), s);
    }

    /** Jackson writes NaN and the infinities as strings. */
    private static double number(JsonNode n) {
        return n.isNumber() ? n.doubleValue() : n.isTextual() ? Double.parseDouble(n.asText()) : Double.NaN;
    }

    private static Map<String, String> options(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    /** The first option that differs in a way that changes the numbers, as "lr 0.01 here, 0.001 there"; null if none. */
    private static String difference(Map<String, String> saved, Map<String, String> now) {
        List<String> keys = new ArrayList<>(now.keySet());
        saved.keySet().stream().filter(k -> !now.containsKey(k)).forEach(keys::add);
        for (String k : keys) {
            if (BOOKKEEPING.contains(k)) {
                continue;
            }
            String a = saved.get(k);
            String b = now.get(k);
            if (a == null ? b != null : !a.equals(b)) {
                return SweepOptions.kebab(k) + " " + b + " now, " + a + " then";
            }
        }
        return null;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
