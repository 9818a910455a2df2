package dev.lva.api;

/**
 * Base of every error lva raises on purpose: bad input, bad options, unknown plugins, broken
 * checkpoints. Its message is written for the person who caused it (what was wrong and where),
 * so a command-line front end can print it as one line without a stack trace.
 */
public class LvaException extends RuntimeException {
    public LvaException(String message) {
        super(message);
    }

    public LvaException(String message, Throwable cause) {
        super(message, cause);
    }
}
