package dev.lva.viz;

import dev.lva.api.LvaException;

/**
 * A chart or report could not be made from what it was given. The message names the chart kind
 * and title, the argument and, for arrays, the index: {@code scatter 'latent': x[3] is NaN}.
 */
public class ChartException extends LvaException {
    public ChartException(String message) {
        super(message);
    }

    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}
