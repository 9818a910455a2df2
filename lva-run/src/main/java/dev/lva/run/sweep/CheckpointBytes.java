package dev.lva.run.sweep;

import java.io.Serial;
import java.io.Serializable;

/**
 * A checkpoint of a running grid point on its way to the driver (or back to an executor to resume
 * from): the file's name in the run's checkpoint folder, the step it was taken at, and its bytes.
 */
public record CheckpointBytes(String run, String file, long step, byte[] bytes) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public CheckpointBytes {
        if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new IllegalArgumentException("checkpoint file name '" + file + "' is not a plain name");
        }
    }

    /** Short, because Spark's status store prints accumulator values. */
    @Override
    public String toString() {
        return run + "/" + file + " (" + bytes.length + " bytes)";
    }
}
