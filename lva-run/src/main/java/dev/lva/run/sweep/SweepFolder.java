package dev.lva.run.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.api.plugin.Options;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.DataDigest;
import dev.lva.run.Outputs;
import dev.lva.run.RunSummary;
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
 * DIR/sweep.json                   the digest of the data the runs trained on, and where it changed
 * DIR/runs/NAME/                   a finished run: lva fit's files and run.json (its row)
 * DIR/checkpoints/NAME/            the newest checkpoint of a run not finished yet
 * </pre>
 * A run's folder appears whole or not at all (written beside it, then renamed into place), so a
 * folder under {@code runs/} is a finished run, and running the sweep again skips it. {@code lva fit
 * --seeds} keeps its run folders in {@code DIR} itself ({@code DIR/seed-S/}).
 *
 * <p>The table describes every run folder there is: a sweep whose grid leaves out runs the folder
 * holds is refused, or, where it replaces runs, moves them aside and deletes them once it has
 * finished. And a finished run counts only for the data it trained on: a sweep run again on data
 * that have changed since ({@code sweep.json} keeps their digest) is refused unless told to go on,
 * which is recorded, and each row names the digest of its data.
 */
public final class SweepFolder {
    public static final String RUNS = "runs";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String TABLE = "sweep.csv";
    /** A run's row, beside lva fit's own files. */
    public static final String RUN_FILE = "run.json";
    private static final String OPTIONS_FILE = "options.json";
    /** The sweep's own record: the data its runs trained on. */
    public static final String STATE_FILE = "sweep.json";
    /** What a refusal of changed data offers. */
    public static final String ACCEPT_CHANGED_DATA = "--accept-changed-data";
    private static final String LOCK_FILE = ".lock";
    /** Options that do not change a run's numbers: a finished run stays finished when only these change. */
    private static final Set<String> BOOKKEEPING = java.util.stream.Stream.concat(dev.lva.run.RunOptions.ALL.stream()
            .filter(dev.lva.run.RunOption::bookkeeping).map(dev.lva.run.RunOption::name),
            // a sweep holds its data in memory whatever --stream says (always is refused), so it changes no
            // number of a sweep's run; and the runs of folders made before the option existed do not record it
            java.util.stream.Stream.of("stream")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** What a sweep's messages tell a user whose folder holds a run that is not the sweep's. */
    public static final String REMEDY = "give the sweep another --out, or remove that folder to train it again";

    private final Path dir;
    private final Path runs;
    private final boolean replace;
    private final String remedy;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The digest of the data each precision's runs train on now, by data type name; set by {@link #checkData}. */
    private final Map<String, DataDigest> digests = new LinkedHashMap<>();
    /** The short digest each run's row names, by run name. */
    private final Map<String, String> runData = new LinkedHashMap<>();
    /** Run folders moved aside (original to hidden name) until the sweep has finished. */
    private final Map<Path, Path> setAside = new LinkedHashMap<>();
    /** {@code sweep.json} as it was before {@link #checkData} rewrote it; null when there was none. */
    private byte[] previousState;
    /** The data changed and this folder replaces runs: every finished run is one of other data. */
    private boolean replaceAll;

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
        try {
            Files.createDirectories(runs);
            AutoCloseable sweep = lock(dir.resolve(LOCK_FILE), false, dir + ": another sweep is writing into this"
                    + " folder; wait for it to end, or give this one another --out");
            try {
                // lva fit's lock too, so that a single run and a sweep never write into one folder at once (each
                // would overwrite the other's report); lva fit --seeds holds it already, for the whole command
                AutoCloseable single = lock(dir.resolve(dev.lva.run.OutputFolder.LOCK_FILE), true, dir
                        + ": a run (lva fit or lva resume) is writing into this folder; wait for it to end, or give the"
                        + " sweep another --out");
                putBackOrDropHalfWritten();
                return () -> {
                    single.close();
                    sweep.close();
                };
            } catch (IOException | RuntimeException e) {
                try {
                    sweep.close();
                } catch (Exception ignored) {
                    // the lock goes with the channel
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sweep folder " + dir + ": " + e, e);
        }
    }

    /**
     * Locks {@code file} (the system drops the lock when the process ends, however it ends); refused
     * with {@code refusal} when another process holds it, and when this one does unless
     * {@code heldHereIsEnough}.
     */
    private static AutoCloseable lock(Path file, boolean heldHereIsEnough, String refusal) throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            channel.close();
            if (heldHereIsEnough) {
                return () -> { };
            }
            throw new LvaException(refusal);
        }
        if (lock == null) {
            channel.close();
            throw new LvaException(refusal);
        }
        return () -> {
            lock.release();
            channel.close();
        };
    }

    /**
     * A finished run moved aside ({@code .NAME.UUID.old}: --overwrite, or a run being replaced) by a
     * driver killed before its replacement was written goes back; what else a killed driver left half
     * written goes.
     */
    private void putBackOrDropHalfWritten() throws IOException {
        try (Stream<Path> entries = Files.list(runs)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                Path original = name.endsWith(".old") ? runs.resolve(originalName(name)) : null;
                if (original != null && !Files.exists(original)) {
                    Files.move(p, original);
                } else if (halfWritten(name)) {
                    PointTrainer.deleteTree(p);
                }
            }
        }
    }

    /**
     * Checks the data this sweep trains on against those the folder's runs trained on, as
     * {@code sweep.json} records them, and records them there. The same data (or a folder without
     * runs) go on; other data are refused, naming both digests, unless {@code accept} (the finished
     * runs stay, each row naming its data, and the change is recorded) or this folder replaces runs
     * (then every finished run is set aside as one of other data, see {@link #setAsideRunsNotIn}).
     * Either way the unfinished runs' checkpoints go: they continue training on the old data.
     *
     * @param now    the digest of the data of each precision the sweep trains in, by data type name
     * @param source where the data come from, for messages
     * @return what the sweep's log should say (a folder an older lva wrote, a change accepted)
     */
    public List<String> checkData(Map<String, DataDigest> now, String source, boolean accept) {
        digests.clear();
        digests.putAll(now);
        Path file = dir.resolve(STATE_FILE);
        com.fasterxml.jackson.databind.node.ObjectNode state;
        try {
            previousState = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            JsonNode read = previousState == null ? null : json.readTree(previousState);
            if (previousState != null && (read == null || !read.isObject())) {
                throw new LvaException(file + " is not this sweep's record (not a JSON object); remove it only if"
                        + " the runs in " + dir + " were trained on " + source);
            }
            state = read == null ? json.createObjectNode() : (com.fasterxml.jackson.databind.node.ObjectNode) read;
        } catch (IOException e) {
            throw new LvaException(file + ": cannot read this sweep's record (" + e.getMessage() + ")");
        }
        List<String> lines = new ArrayList<>();
        boolean runsThere = !finishedRuns().isEmpty() || hasCheckpoints();
        if (previousState == null && runsThere) {
            lines.add(dir + " holds runs of an lva that recorded no data digest: they cannot be checked against "
                    + source);
        }
        com.fasterxml.jackson.databind.node.ObjectNode data = state.get("data") instanceof
                com.fasterxml.jackson.databind.node.ObjectNode o ? o : state.putObject("data");
        com.fasterxml.jackson.databind.node.ArrayNode changes = state.get("data_changed") instanceof
                com.fasterxml.jackson.databind.node.ArrayNode a ? a : state.putArray("data_changed");
        boolean changed = false;
        for (Map.Entry<String, DataDigest> e : now.entrySet()) {
            JsonNode recorded = data.get(e.getKey());
            DataDigest d = e.getValue();
            if (recorded != null && runsThere) {
                DataDigest then = DataDigest.parse(recorded.path("digest").asText(), recorded.path("shape").asText());
                if (!then.sameData(d)) {
                    if (!accept && !replace) {
                        throw new LvaException(dir + " holds runs trained on other data: " + source + " is now "
                                + d.describe() + ", the runs in it trained on " + then.describe() + "; give this"
                                + " sweep another --out, or add " + ACCEPT_CHANGED_DATA + " to keep its finished runs"
                                + " (each row of " + TABLE + " names its data) and train the rest on these data");
                    }
                    changed = true;
                    String change = then.shortText() + " -> " + d.shortText();
                    if (accept && !replace) {
                        changes.add(change);
                        lines.add("the data changed (" + then.describe() + " then, " + d.describe() + " now); "
                                + ACCEPT_CHANGED_DATA + ": the finished runs stay, the rest train on these data");
                    } else {
                        lines.add("the data changed (" + then.describe() + " then, " + d.describe() + " now): the"
                                + " runs trained on the earlier data are replaced");
                    }
                }
            }
            com.fasterxml.jackson.databind.node.ObjectNode entry = data.putObject(e.getKey());
            entry.put("source", source);
            entry.put("digest", d.text());
            entry.put("shape", d.shape());
        }
        if (changed) {
            sweepCheckpoints().forEach(p -> dropCheckpoints(p.getFileName().toString()));
            if (replace) {
                replaceAll = true;
            }
        }
        if (changes.isEmpty()) {
            state.remove("data_changed");
        }
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
        return lines;
    }

    /** The names of the finished run folders here (those holding a run's record), sorted. */
    private List<String> finishedRuns() {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(runs)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(
                    p.resolve(RUN_FILE))).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the folder " + runs + ": " + e, e);
        }
    }

    private boolean hasCheckpoints() {
        return !sweepCheckpoints().isEmpty();
    }

    /**
     * The checkpoint folders of this sweep's unfinished runs: those with the options file (in a seeds'
     * folder, {@code checkpoints/} may also hold an lva fit run's, set aside while the seeds train).
     */
    private List<Path> sweepCheckpoints() {
        Path all = dir.resolve(CHECKPOINTS);
        if (!Files.isDirectory(all)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(all)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(OPTIONS_FILE))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the folder " + all + ": " + e, e);
        }
    }

    /**
     * Keeps the table true to the folder: finished runs that this sweep does not include ({@code names}
     * are its runs) are refused, since its table and report would leave them out while their folders
     * stay; a folder that replaces runs moves them aside instead (with every finished run, when the data
     * changed), to be deleted by {@link #dropAside} once the sweep has finished, or put back by
     * {@link #restoreAside} if it fails.
     */
    public void setAsideRunsNotIn(Set<String> names) {
        List<String> stale = finishedRuns().stream().filter(n -> replaceAll || !names.contains(n)).toList();
        if (stale.isEmpty()) {
            return;
        }
        if (!replace) {
            List<String> shown = stale.size() <= 4 ? stale : List.of(String.join(", ", stale.subList(0, 3)),
                    "... " + (stale.size() - 3) + " more");
            throw new LvaException(runs + " holds finished runs that this sweep does not include (" + String.join(", ",
                    shown) + "), which its " + TABLE + " would leave out: " + (remedy.equals(REMEDY) ? "give the sweep"
                    + " another --out, or a grid that includes them (finished runs are not trained again), or remove"
                    + " them" : remedy));
        }
        try {
            for (String n : stale) {
                Path aside = runs.resolve("." + n + "." + UUID.randomUUID() + ".old");
                Files.move(runs.resolve(n), aside);
                setAside.put(runs.resolve(n), aside);
            }
        } catch (IOException e) {
            restoreAside();
            throw new UncheckedIOException("cannot move the earlier runs in " + runs + " aside: " + e, e);
        }
    }

    /** Deletes the runs {@link #setAsideRunsNotIn} moved aside, and the checkpoints of runs this sweep does not include. */
    public void dropAside(Set<String> names) {
        setAside.values().forEach(PointTrainer::deleteTree);
        setAside.clear();
        if (replace) {
            for (Path p : sweepCheckpoints()) {
                if (!names.contains(p.getFileName().toString())) {
                    dropCheckpoints(p.getFileName().toString());
                }
            }
        }
    }

    /** Puts back what {@link #setAsideRunsNotIn} moved aside, and the record of their data: the sweep failed. */
    public void restoreAside() {
        try {
            for (Map.Entry<Path, Path> e : setAside.entrySet()) {
                if (Files.exists(e.getKey())) {
                    PointTrainer.deleteTree(e.getKey());
                }
                Files.move(e.getValue(), e.getKey());
            }
            if (!setAside.isEmpty() && previousState != null) {
                AtomicFiles.write(dir.resolve(STATE_FILE), previousState);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the earlier runs back into " + runs + ": " + e, e);
        }
        setAside.clear();
    }

    /**
     * Refuses a folder that holds something other than a sweep: a run of {@code lva fit} (the sweep's
     * report and figures would replace the run's) or the seeds of {@code lva fit --seeds} (its table
     * would drop theirs).
     */
    public void requireNoSingleRunOrSeeds() {
        if (Files.exists(dir.resolve(SeedSweep.SEEDS_FILE))) {
            throw new LvaException("output folder " + dir + " holds the seeds of lva fit --seeds (" + SeedSweep.SEEDS_FILE
                    + "); a sweep there would replace their table and report: give the sweep another --out");
        }
        List<String> run = Stream.of(Outputs.SUMMARY_FILE, dev.lva.run.LvaRun.MODEL_FILE)
                .filter(f -> Files.exists(dir.resolve(f))).toList();
        if (!run.isEmpty()) {
            throw new LvaException("output folder " + dir + " holds a run of lva fit (" + String.join(", ", run)
                    + "); a sweep beside it would mix its report and figures with the run's: give the sweep another"
                    + " --out");
        }
    }

    /** NAME of a run moved aside as {@code .NAME.UUID.old}. */
    static String originalName(String aside) {
        String inner = aside.substring(1, aside.length() - ".old".length());
        int dot = inner.lastIndexOf('.');
        return dot > 0 ? inner.substring(0, dot) : inner;
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
        String digest = root.path("data_digest").asText("");
        DataDigest now = digests.get(point.config().precision().dataType().name());
        if (replace && now != null && !digest.isEmpty() && !digest.equals(now.text())) {
            return Optional.empty(); // trained on other data: replaced, as a run of other options is
        }
        runData.put(point.name(), digest.startsWith(DataDigest.PREFIX) ? digest.substring(DataDigest.PREFIX.length(),
                DataDigest.PREFIX.length() + 12) : "");
        RunOutcome.Status status = RunOutcome.Status.valueOf(root.path("status").asText("ok").toUpperCase());
        RunMetrics metrics = status == RunOutcome.Status.OK ? metrics(runDir(point.name())) : null;
        return Optional.of(RunRecord.of(point, status, root.path("message").asText(""), metrics));
    }

    /**
     * A finished run's numbers from its own record, {@code summary.json}, as the run stated them when it was
     * trained ({@link RunMetrics#of}): run.json's copies of them are the table's row, and a folder whose two
     * files disagree (a summary.json copied in from another run, an older lva's row) gives the run's own.
     */
    private static RunMetrics metrics(Path runFolder) {
        try {
            return RunMetrics.of(RunSummary.read(runFolder));
        } catch (LvaException e) {
            throw new LvaException(e.getMessage() + "; the sweep counts " + runFolder
                    + " as finished (it has run.json): remove that folder to train it again", e);
        }
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

    /** The short digest of the data {@code run}'s row was trained on; empty when its record does not say (an older lva). */
    public String dataOf(String run) {
        return runData.getOrDefault(run, "");
    }

    /** Writes a run's folder as one piece: its files and its row, then the rename. */
    public void writeRun(SweepPoint point, RunOutcome outcome) {
        Path target = runDir(point.name());
        Path tmp = runs.resolve("." + point.name() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(tmp);
            outcome.files().writeTo(tmp, point.name());
            if (!outcome.files().has(Outputs.CONFIG_FILE)) {
                Files.writeString(tmp.resolve(Outputs.CONFIG_FILE), Outputs.configYaml(point.config()));
            }
            Files.write(tmp.resolve(RUN_FILE), json.writeValueAsBytes(row(point, outcome)));
            DataDigest d = digests.get(point.config().precision().dataType().name());
            runData.put(point.name(), d == null ? "" : d.shortText());
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
                AtomicFiles.write(options, json.writeValueAsBytes(Outputs.folderOptions(point.config())));
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

    /**
     * The engine threads the newest kept checkpoint of {@code point}'s run trained with, or null when
     * there is none or it does not say (an older lva's, or a file that cannot be read: it is not resumed).
     */
    public String checkpointThreads(SweepPoint point) {
        Optional<Path> latest = new CheckpointFolder(dir.resolve(CHECKPOINTS).resolve(point.name())).latest();
        try {
            return latest.isEmpty() ? null : dev.lva.run.LvaRun.trainedThreads(latest.get());
        } catch (RuntimeException e) {
            return null;
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
            if (r.noVariance() != null) {
                m.put("no_variance", r.noVariance());
            }
            List<Object> paper = r.paper().values();
            for (int i = 0; i < paper.size(); i++) {
                m.put(SweepTable.PAPER.get(i), paper.get(i));
            }
        }
        // the options without the output folder: a run folder names no folder (it may move)
        m.put("options", Outputs.folderOptions(point.config()));
        DataDigest d = digests.get(point.config().precision().dataType().name());
        if (d != null) {
            m.put("data_digest", d.text());
        }
        return m;
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
    private String difference(Map<String, String> saved, Map<String, String> now) {
        List<String> keys = new ArrayList<>(now.keySet());
        saved.keySet().stream().filter(k -> !now.containsKey(k)).forEach(keys::add);
        for (String k : keys) {
            if (BOOKKEEPING.contains(k)) {
                continue;
            }
            String a = saved.get(k);
            String b = now.get(k);
            if (a == null ? b != null : !a.equals(b) && !(FILES.contains(k) && movedWithFolder(a, b))) {
                return SweepOptions.kebab(k) + " " + b + " now, " + a + " then";
            }
        }
        return null;
    }

    /** The options that name a file a run reads (its data, labels, true parameters). */
    private static final Set<String> FILES = dev.lva.run.RunOptions.ALL.stream()
            .filter(o -> o.kind() == dev.lva.run.RunOption.Kind.PATH && !o.bookkeeping())
            .map(dev.lva.run.RunOption::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Whether a file a run read at {@code then} is the file at {@code now} moved or copied along with this
     * folder: {@code now} lies under the folder's parent and {@code then} ends in the same path below it (a
     * study keeps its synthetic images in {@code STUDY/data} beside its sweep folders, so a copied study
     * named every run "trained with other options"). The data's digest, checked next, still refuses
     * other contents.
     */
    private boolean movedWithFolder(String then, String now) {
        if (then.isEmpty() || now.isEmpty()) {
            return false;
        }
        try {
            Path base = dir.toAbsolutePath().normalize().getParent();
            Path current = Path.of(now).toAbsolutePath().normalize();
            if (base == null || !current.startsWith(base) || current.equals(base)) {
                return false;
            }
            Path below = base.relativize(current);
            Path earlier = Path.of(then).normalize();
            return earlier.getNameCount() > below.getNameCount() && earlier.endsWith(below);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
