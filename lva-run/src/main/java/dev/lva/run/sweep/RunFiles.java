package dev.lva.run.sweep;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A finished run's folder on its way to the sweep's folder, as the engine can carry it: the files'
 * bytes where the run trained on another machine or process (a Spark executor: the task's result),
 * or the folder itself where it trained on the driver's own machine (the threads engine, {@code lva
 * fit --seeds}). The second is moved, never read: a 60,000-image run's latent.csv and model (55 MB)
 * held as bytes on the heap, two runs at a time, grew the heap by more than 100 MB.
 */
public sealed interface RunFiles extends Serializable {
    /** Whether the folder holds {@code name} (a path relative to it, with '/'). */
    boolean has(String name);

    /**
     * Puts every file into {@code folder}, which exists and is empty.
     *
     * @param run the run's name, for the error about a path outside the folder
     */
    void writeTo(Path folder, String run) throws IOException;

    /** Lets go of what is held: a folder left on this machine is removed (written or not). */
    void discard();

    /** No files: a run that failed. */
    static RunFiles none() {
        return new InMemory(Map.of());
    }

    /** The files' bytes by relative path, read from {@code dir} but for what lies under {@code skip}. */
    static RunFiles read(Path dir, Path skip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Path p : files(dir, skip)) {
            try {
                out.put(relative(dir, p), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the run folder " + dir + ": " + e, e);
            }
        }
        return new InMemory(out);
    }

    /** Every regular file of {@code dir}, sorted, but those under {@code skip}. */
    private static List<Path> files(Path dir, Path skip) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.sorted().filter(p -> Files.isRegularFile(p) && !p.startsWith(skip)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run folder " + dir + ": " + e, e);
        }
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    /** The path {@code name} takes in {@code folder}, refused when it would lie outside it. */
    private static Path inside(Path folder, String name, String run) {
        Path p = folder.resolve(name).normalize();
        if (!p.startsWith(folder)) {
            throw new dev.lva.api.LvaException("run " + run + " sent a file outside its folder: " + name);
        }
        return p;
    }

    /**
     * The files as bytes (what a Spark task returns).
     *
     * @param bytes relative path to contents
     */
    record InMemory(Map<String, byte[]> bytes) implements RunFiles {
        @Serial
        private static final long serialVersionUID = 1L;

        public InMemory {
            bytes = Collections.unmodifiableMap(new LinkedHashMap<>(bytes));
        }

        @Override
        public boolean has(String name) {
            return bytes.containsKey(name);
        }

        @Override
        public void writeTo(Path folder, String run) throws IOException {
            for (Map.Entry<String, byte[]> f : bytes.entrySet()) {
                Path p = inside(folder, f.getKey(), run);
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        }

        @Override
        public void discard() {
            // the bytes go with this object
        }
    }

    /**
     * A run folder on this machine, which {@link #writeTo} moves file by file (a rename on the same file
     * system, a copy elsewhere) and {@link #discard} removes with the scratch folder around it. It
     * names a folder of this machine, so it never travels: an engine that sends outcomes to another
     * process sends {@link InMemory} (its paths are not serializable, which makes a mistake fail loudly).
     *
     * @param dir     the run's folder
     * @param skip    what of it is not the run's (its periodic checkpoints), left out
     * @param scratch the folder to remove at the end (holds {@code dir})
     */
    record OnDisk(Path dir, Path skip, Path scratch) implements RunFiles {
        @Override
        public boolean has(String name) {
            Path p = dir.resolve(name).normalize();
            return p.startsWith(dir) && !p.startsWith(skip) && Files.isRegularFile(p);
        }

        @Override
        public void writeTo(Path folder, String run) throws IOException {
            for (Path p : files(dir, skip)) {
                Path target = inside(folder, relative(dir, p), run);
                Files.createDirectories(target.getParent());
                Files.move(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void discard() {
            PointTrainer.deleteTree(scratch);
        }
    }
}
