package dev.lva.core.data;

import dev.lva.api.LvaException;

/** Input data that cannot be used; the message names the file and, where known, line and column. */
public class DataException extends LvaException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
