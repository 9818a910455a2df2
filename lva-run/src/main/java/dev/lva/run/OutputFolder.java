package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.api.io.IoErrors;
import dev.lva.core.checkpoint.CheckpointFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder of one run, held for the run's length. Opening it is the check that it can be
 * written, made before any training time is spent: the folder and its {@code checkpoints/} are
 * created, and a lock file in it is created and locked ({@link FileChannel#tryLock}), so a second
 * run into the same folder is refused at once instead of deleting the first one's checkpoints. The
 * lock goes when the run closes the folder or its process ends, however it ends; the (empty) lock
 * file stays, since deleting it could let a third run lock a file the second still holds.
 *
 * <p>An earlier run in the folder is never deleted before the new run has its results: a fresh run
 * refuses such a folder unless told to replace it, and then moves the earlier checkpoints into
 * {@code checkpoints/earlier-run/} (out of the way of the new run's, which are numbered from step
 * 0) and deletes them only after the new run has written {@code model.zip} and {@code summary.json}
 * over the earlier ones. A replacing run that fails puts the earlier checkpoints back and its own
 * into {@code checkpoints/failed-run/}, so the folder holds the earlier run as it was.
 */
public final class OutputFolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFolder.class);
    /** The lock file; hidden, and never taken for part of a run. */
    public static final String LOCK_FILE = ".lva.lock";
    /** Where a replacing run keeps the earlier run's checkpoints until it has finished. */
    public static final String EARLIER_RUN = "earlier-run";
    /** Where the checkpoints of a replacing run that failed go when the earlier run's come back. */
    public static final String FAILED_RUN = "failed-run";
    /** The files a run leaves in its folder besides checkpoints: any of them means a run was here. */
    private static final List<String> RUN_FILES = List.of(LvaRun.MODEL_FILE, Outputs.SUMMARY_FILE, Outputs.LATENT_FILE,
            Outputs.CONFIG_FILE, "report.html");

    private final Path dir;
    private final FileChannel channel;
    /** The folders runs of this JVM hold (real paths). */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final FileLock lock;
    private final Path key;
    /** Checkpoints after this step were set aside (-1: all of them); a failed run's are those after it too. */
    private long asideAfter = -1;

    private OutputFolder(Path dir, FileChannel channel, FileLock lock, Path key) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    /**
     * Creates {@code dir} and its checkpoint folder if needed and locks it; fails with the operating
     * system's reason when it cannot be written, and when another run holds it.
     */
    public static OutputFolder open(Path dir) {
        createFolder(dir);
        createFolder(dir.resolve(LvaRun.CHECKPOINT_DIR));
        Path lockFile = dir.resolve(LOCK_FILE);
        Path key = key(dir);
        // a second run in this JVM must not even open the lock file: closing any descriptor of a
        // file drops every POSIX lock this process holds on it, the first run's included
        if (!HELD.add(key)) {
            throw new LvaException("output folder " + dir + " is in use by another lva run in this process; wait for"
                    + " it to finish, or choose another output folder");
        }
        try {
            return lock(dir, lockFile, key);
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static OutputFolder lock(Path dir, Path lockFile, Path key) {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LvaException(IoErrors.describe("write into output folder", dir, e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this process holds it through another path to the same folder
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LvaException(IoErrors.describe("lock output folder", dir, e), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            closeQuietly(channel);
            throw new LvaException("output folder " + dir + " is in use by another lva run" + holder
                    + "; wait for it to finish, or choose another output folder");
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
        } catch (IOException e) {
            LOG.debug("cannot note the process id in {}: {}", lockFile, e.toString());
        }
        return new OutputFolder(dir, channel, lock, key);
    }

    private static Path key(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * What of an earlier run the folder holds, in words ({@code model.zip}, {@code 3 checkpoints}),
     * empty when there is nothing.
     */
    public List<String> earlierRun() {
        List<String> found = new ArrayList<>();
        for (String name : RUN_FILES) {
            if (Files.exists(dir.resolve(name))) {
                found.add(name);
            }
        }
        int checkpoints = checkpoints().checkpoints().size();
        if (checkpoints > 0) {
            found.add(checkpoints + (checkpoints == 1 ? " checkpoint" : " checkpoints"));
        }
        if (Files.isDirectory(earlierCheckpoints())) {
            found.add(dir.relativize(earlierCheckpoints()) + "/");
        }
        return found;
    }

    /**
     * What of a sweep or of {@code lva fit --seeds} the folder holds (its table, and run folders with a
     * run's record), empty when nothing: a single run written beside them would leave a table that
     * does not describe the folder, so such a folder is refused even with --overwrite.
     */
    public List<String> sweepRuns() {
        List<String> found = new ArrayList<>();
        for (String name : List.of("sweep.csv", "seeds.json", "sweep.json")) {
            if (Files.exists(dir.resolve(name))) {
                found.add(name);
            }
        }
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> Files.isRegularFile(p.resolve("run.json"))).map(p -> p.getFileName() + "/").sorted()
                    .forEach(found::add);
        } catch (IOException e) {
            throw new LvaException(IoErrors.describe("read output folder", dir, e), e);
        }
        return found.size() <= 5 ? found : List.of(String.join(", ", found.subList(0, 4)), "... "
                + (found.size() - 4) + " more");
    }

    /** Fails unless the folder is free of earlier runs; {@code option} says how to replace one. */
    public void requireNoEarlierRun(String option) {
        List<String> found = earlierRun();
        if (!found.isEmpty()) {
            throw new LvaException("output folder " + dir + " holds an earlier run (" + String.join(", ", found)
                    + "); choose another output folder, or " + option);
        }
    }

    /**
     * Moves the earlier run's checkpoints into {@code checkpoints/earlier-run/}, where they stay
     * until {@link #dropEarlierRun}; the earlier model and summary stay in place until the new run
     * writes its own over them.
     */
    public void setAsideEarlierRun() {
        setAsideCheckpointsAfter(-1);
    }

    /**
     * Moves the checkpoints of steps after {@code step} into {@code checkpoints/earlier-run/}, as
     * {@link #setAsideEarlierRun} does with all of them: a run resumed into its own folder from an
     * earlier checkpoint takes those steps again, and keeps the checkpoints up to its start (its own
     * past). Undone by {@link #restoreEarlierRun}, dropped by {@link #dropEarlierRun}.
     */
    public void setAsideCheckpointsAfter(long step) {
        CheckpointFolder folder = checkpoints();
        List<Path> old = folder.checkpoints().stream().filter(p -> CheckpointFolder.stepOf(p) > step).toList();
        asideAfter = step;
        if (old.isEmpty()) {
            return;
        }
        Path aside = earlierCheckpoints();
        if (Files.isDirectory(aside)) {
            throw new LvaException("output folder " + dir + " holds the checkpoints of two earlier runs (" + aside
                    + " and " + folder.dir() + "), left by a replacing run that did not finish; move or delete one of"
                    + " them first");
        }
        try {
            Files.createDirectories(aside);
            for (Path p : old) {
                Files.move(p, aside.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new LvaException(IoErrors.describe("set aside the earlier checkpoints in", folder.dir(), e), e);
        }
        LOG.info("the earlier run's {} checkpoint(s) wait in {} until this run has finished", old.size(), aside);
    }

    /** Whether an earlier run's checkpoints wait in {@link #earlierCheckpoints()}. */
    public boolean hasEarlierRunAside() {
        return Files.isDirectory(earlierCheckpoints());
    }

    /**
     * Undoes {@link #setAsideEarlierRun} after a replacing run failed: its checkpoints move into
     * {@code checkpoints/failed-run} (numbered when one is there already) and the earlier run's come
     * back, so the folder holds the earlier run as it was.
     *
     * @return where the failed run's checkpoints are now
     */
    public Path restoreEarlierRun() {
        CheckpointFolder folder = checkpoints();
        Path failed = folder.dir().resolve(FAILED_RUN);
        for (int i = 2; Files.exists(failed); i++) {
            failed = folder.dir().resolve(FAILED_RUN + "-" + i);
        }
        Path aside = earlierCheckpoints();
        try {
            List<Path> mine = folder.checkpoints().stream().filter(p -> CheckpointFolder.stepOf(p) > asideAfter)
                    .toList();
            if (!mine.isEmpty()) {
                Files.createDirectories(failed);
                for (Path p : mine) {
                    Files.move(p, failed.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            for (Path p : new CheckpointFolder(aside).checkpoints()) {
                Files.move(p, folder.dir().resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(aside);
        } catch (IOException e) {
            throw new LvaException(IoErrors.describe("put the earlier run's checkpoints back from", aside, e)
                    + "; they are still there", e);
        }
        return failed;
    }

    /** Where the earlier run's checkpoints wait while a replacing run trains. */
    public Path earlierCheckpoints() {
        return dir.resolve(LvaRun.CHECKPOINT_DIR).resolve(EARLIER_RUN);
    }

    /** Deletes what {@link #setAsideEarlierRun} kept: called once the new run's results are written. */
    public void dropEarlierRun() {
        Path aside = earlierCheckpoints();
        if (!Files.isDirectory(aside)) {
            return;
        }
        try (Stream<Path> files = Files.walk(aside)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // the new run is complete; an undeleted old checkpoint costs disk space, nothing else
            LOG.warn("{}", IoErrors.describe("remove the earlier run's checkpoints in", aside, e));
        }
    }

    private CheckpointFolder checkpoints() {
        return new CheckpointFolder(dir.resolve(LvaRun.CHECKPOINT_DIR));
    }

    /** Releases the lock; the lock file stays (see the class comment). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("cannot release the lock on {}: {}", dir, e.toString());
        } finally {
            closeQuietly(channel);
            HELD.remove(key);
        }
    }

    private static void createFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new LvaException("cannot use " + dir + " as output folder: it exists and is not a folder", e);
        } catch (IOException e) {
            throw new LvaException(IoErrors.describe("create output folder", dir, e), e);
        } catch (SecurityException e) {
            throw new LvaException("cannot create output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** " (process 1234)" when the lock file names the process holding it. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d{1,19}") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("cannot close a lock file: {}", e.toString());
        }
    }
}
