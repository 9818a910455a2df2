package dev.lva.run.sweep;

import dev.lva.core.checkpoint.CheckpointFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every new checkpoint a run writes into its (executor-local) checkpoint folder to a sink,
 * which carries it to the driver, so that a sweep interrupted on any machine resumes from it. A
 * thread of its own that looks twice a second: the training loop is not touched, and a checkpoint
 * written once per N steps or seconds costs one directory listing per look.
 */
final class CheckpointWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWatcher.class);
    private static final long LOOK_MILLIS = 500;

    private final String run;
    private final CheckpointFolder folder;
    private final Consumer<CheckpointBytes> sink;
    private final long lastStep;
    private final Thread thread;
    private volatile boolean stopped;
    private long published;

    /**
     * @param after    the step of the checkpoint the run starts from (not sent again); -1 for none
     * @param lastStep the run's last step: its checkpoint is not sent, since a run resumed from it would
     *                 train no step and so have no last-step losses to report; the result follows anyway
     */
    CheckpointWatcher(String run, Path dir, long after, long lastStep, Consumer<CheckpointBytes> sink) {
        this.run = run;
        this.folder = new CheckpointFolder(dir);
        this.sink = sink;
        this.lastStep = lastStep;
        this.published = after;
        this.thread = new Thread(this::loop, "lva-sweep-checkpoints-" + run);
        thread.setDaemon(true);
    }

    CheckpointWatcher start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(LOOK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            look();
        }
    }

    /** Sends the newest checkpoint if it is newer than the last one sent. */
    void look() {
        Optional<Path> latest = folder.latest();
        if (latest.isEmpty()) {
            return;
        }
        Path file = latest.get();
        long step = CheckpointFolder.stepOf(file);
        if (step <= published || step >= lastStep) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            published = step;
            sink.accept(new CheckpointBytes(run, file.getFileName().toString(), step, bytes));
        } catch (NoSuchFileException e) {
            // the run replaced it with a newer one meanwhile: the next look sends that
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot send checkpoint {} to the driver: {}", run, file, e.toString());
        }
    }

    /** Stops looking; checkpoints written from now on stay with the run's result. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
