package dev.lva.core.checkpoint;

import dev.lva.api.LvaException;

/** A checkpoint that cannot be written or used: truncated, foreign, of another format version, or for another model. */
public class CheckpointException extends LvaException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
