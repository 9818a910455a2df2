package dev.lva.api.plugin;

import dev.lva.api.LvaException;

/** Options that cannot be used: an unknown key, a value of the wrong type, a value out of range. */
public class OptionsException extends LvaException {
    public OptionsException(String message) {
        super(message);
    }

    public OptionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
