package dev.lva.run.sweep;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a grid point's task sends back to the driver: how it ended, its numbers, and the files of its
 * run folder ({@link RunFiles}: their bytes from an executor, nothing left there; the folder itself
 * from a run on the driver's machine), which the driver puts into the run's folder.
 *
 * @param run     the run's name
 * @param status  {@link Status#OK} or {@link Status#FAILED}
 * @param message why it failed; for a run that ended OK, what of its report could not be made, or empty
 * @param metrics the run's numbers; null when it failed
 * @param files   the run folder's files ({@code model.zip}, {@code report.html}, ...)
 */
public record RunOutcome(String run, Status status, String message, RunMetrics metrics, RunFiles files)
        implements Serializable {
    /** 2: the files became {@link RunFiles} (were a map of bytes). */
    @Serial
    private static final long serialVersionUID = 2L;

    /** How a grid point ended. */
    public enum Status {
        /** trained and analysed */
        OK,
        /** stopped for a reason of its own (a non-finite loss): running it again would fail again */
        FAILED,
        /** its task failed (a lost machine, a crash) more often than the engine retries: run the sweep again */
        ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RunOutcome {
        files = files == null ? RunFiles.none() : files;
        message = message == null ? "" : message;
        if ((status == Status.OK) != (metrics != null)) {
            throw new IllegalArgumentException("a run has numbers exactly when it ended OK");
        }
    }

    public static RunOutcome failed(String run, Status status, String message) {
        return new RunOutcome(run, status, message, null, RunFiles.none());
    }
}
