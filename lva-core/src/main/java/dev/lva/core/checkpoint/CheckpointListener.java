package dev.lva.core.checkpoint;

import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checkpoints while a resumable trainer ({@link dev.lva.api.ResumableTrainer}) runs: every {@code everySteps} steps, every
 * {@code everySeconds} seconds, and at the end, into a {@link CheckpointFolder}, keeping the last
 * {@code keep}. Older checkpoints are deleted only once the new one is in place.
 *
 * <p>Never a bad checkpoint: the trainer stops before it applies a step whose loss is not finite,
 * but that step's forward pass has already moved state a checkpoint holds (spectral norm's power
 * iteration, the latent moving averages), so after such a stop nothing is written and the last good
 * checkpoint stays as it was; and a snapshot holding a NaN or an infinity (in the parameters, the
 * states or the optimizer's state) is never written.
 *
 * <p>At the start the listener removes temporary files that a killed write left, and refuses a
 * folder holding checkpoints of later steps than the run starts from: they belong to another run,
 * and keeping "the last {@code keep}" would delete the new ones instead of the old.
 */
public final class CheckpointListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    /**
     * When and where to write.
     *
     * @param folder       where the checkpoints go (created if missing)
     * @param everySteps   write after every this many steps; 0 for never
     * @param everySeconds write when this many seconds have passed since the last write; 0 for never
     * @param keep         how many checkpoints to keep (the newest)
     * @param atEnd        write when the run ends (not after a non-finite loss)
     */
    public record Options(Path folder, long everySteps, double everySeconds, int keep, boolean atEnd) {
        public Options {
            Objects.requireNonNull(folder, "folder");
            if (everySteps < 0) {
                throw new IllegalArgumentException("everySteps must be >= 0 (0 = never), got " + everySteps);
            }
            if (!(everySeconds >= 0) || Double.isInfinite(everySeconds)) {
                throw new IllegalArgumentException("everySeconds must be >= 0 (0 = never), got " + everySeconds);
            }
            if (keep < 1) {
                throw new IllegalArgumentException("keep must be >= 1, got " + keep);
            }
        }

        /** Every {@code steps} steps and at the end, keeping the last 3. */
        public static Options everySteps(Path folder, long steps) {
            return new Options(folder, steps, 0, 3, true);
        }

        public Options withKeep(int k) {
            return new Options(folder, everySteps, everySeconds, k, atEnd);
        }

        public Options withEverySeconds(double seconds) {
            return new Options(folder, everySteps, seconds, keep, atEnd);
        }
    }

    /** Builds the snapshot of a run at the current step; called only when a checkpoint is due. */
    @FunctionalInterface
    public interface SnapshotSource {
        TrainingSnapshot capture(TrainingRun run);
    }

    private final Options options;
    private final CheckpointFolder folder;
    private final SnapshotSource source;
    private long lastWriteNanos;
    private Path lastWritten;
    private int written;

    public CheckpointListener(Options options, SnapshotSource source) {
        this.options = Objects.requireNonNull(options, "options");
        this.source = Objects.requireNonNull(source, "source");
        this.folder = new CheckpointFolder(options.folder());
    }

    public Options options() {
        return options;
    }

    public CheckpointFolder folder() {
        return folder;
    }

    /** The last checkpoint this listener wrote. */
    public Optional<Path> lastWritten() {
        return Optional.ofNullable(lastWritten);
    }

    /** How many checkpoints this listener wrote. */
    public int written() {
        return written;
    }

    @Override
    public void onStart(TrainingRun run) {
        requireResumable(run);
        int removed = folder.removeTemporaryFiles();
        if (removed > 0) {
            LOG.info("removed {} temporary file(s) of interrupted checkpoint writes in {}", removed, folder.dir());
        }
        List<Path> existing = folder.checkpoints();
        if (!existing.isEmpty()) {
            Path newest = existing.get(existing.size() - 1);
            if (CheckpointFolder.stepOf(newest) > run.step()) {
                throw new CheckpointException("checkpoint folder " + folder.dir() + " holds " + newest.getFileName()
                        + ", later than this run's step " + run.step() + "; resume from it, or use another folder");
            }
        }
        lastWriteNanos = System.nanoTime();
    }

    @Override
    public void onStep(TrainingRun run, StepLoss loss) {
        boolean due = options.everySteps() > 0 && run.step() % options.everySteps() == 0;
        if (!due && options.everySeconds() > 0) {
            due = System.nanoTime() - lastWriteNanos >= options.everySeconds() * 1e9;
        }
        if (due) {
            write(run);
        }
    }

    @Override
    public void onEnd(TrainingRun run, TrainingResult result) {
        if (result.nonFinite()) {
            LOG.warn("no checkpoint at the end: {}; the last good one is {}", result.message(),
                    folder.latest().map(Path::toString).orElse("none"));
            return;
        }
        if (options.atEnd()) {
            // even when onStep just wrote this step: the epoch has ended since, and what it decided
            // (the epoch counter, a least-volume model's pruning) belongs in the final checkpoint
            write(run);
        }
    }

    private void write(TrainingRun run) {
        TrainingSnapshot snapshot = source.capture(run);
        String bad = snapshot.firstNonFiniteValue();
        if (bad != null) {
            LOG.warn("no checkpoint at step {}: {} is not finite; the last good one is {}", run.step(), bad,
                    folder.latest().map(Path::toString).orElse("none"));
            return;
        }
        Path file = folder.pathFor(run.step());
        CheckpointFile.write(file, snapshot);
        lastWritten = file;
        written++;
        lastWriteNanos = System.nanoTime();
        folder.keepLast(options.keep());
        LOG.debug("checkpoint {} written", file);
    }

    /** A checkpoint holds the trainer's state; a trainer that has none cannot be continued from one. */
    private static void requireResumable(TrainingRun run) {
        if (run.trainerState().isEmpty()) {
            throw new LvaException("checkpoints need a trainer that can be resumed (a dev.lva.api.ResumableTrainer"
                    + " whose run gives its trainerState()); " + run.getClass().getName() + " gives none");
        }
    }
}
