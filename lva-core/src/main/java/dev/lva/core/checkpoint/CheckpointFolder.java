package dev.lva.core.checkpoint;

import dev.lva.api.io.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of checkpoints named {@code checkpoint-<step>.zip}, the step zero-padded to eight digits
 * so that names sort by step. Files of other names are left alone, and so are the temporary files
 * of an interrupted write, except by {@link #removeTemporaryFiles()}.
 */
public final class CheckpointFolder {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFolder.class);
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{1,18})\\.zip");
    private final Path dir;

    public CheckpointFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Where the checkpoint after {@code step} goes. */
    public Path pathFor(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return dir.resolve(String.format("checkpoint-%08d.zip", step));
    }

    /** The step of a checkpoint file name, or -1 for other names. */
    public static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The checkpoints in the folder, oldest step first; empty when the folder does not exist. */
    public List<Path> checkpoints() {
        List<Path> out = new ArrayList<>();
        for (Path p : entries()) {
            if (stepOf(p) >= 0 && Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparingLong(CheckpointFolder::stepOf));
        return out;
    }

    /** The checkpoint with the highest step, the one to resume from. */
    public Optional<Path> latest() {
        List<Path> all = checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Deletes the temporary files that interrupted writes left; returns how many. */
    public int removeTemporaryFiles() {
        int removed = 0;
        for (Path p : entries()) {
            String name = p.getFileName().toString();
            if (CheckpointFile.isTemporaryName(name) && name.startsWith(".checkpoint-")) {
                try {
                    Files.deleteIfExists(p);
                    removed++;
                    LOG.info("removed {}, left by an interrupted checkpoint write", p);
                } catch (IOException e) {
                    LOG.warn("cannot remove {}: {}", p, e.toString());
                }
            }
        }
        return removed;
    }

    /** Deletes all but the {@code keep} checkpoints with the highest steps. */
    public void keepLast(int keep) {
        List<Path> all = checkpoints();
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                throw new CheckpointException(IoErrors.describe("remove old checkpoint", all.get(i), e), e);
            }
        }
    }

    private List<Path> entries() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CheckpointException(IoErrors.describe("list checkpoint folder", dir, e), e);
        }
    }
}
