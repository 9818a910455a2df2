package dev.lva.api.plugin;

import dev.lva.api.LvaException;

/**
 * Discovery went wrong: an unknown name, two providers with one name, a provider that is unavailable, or
 * one that failed to create what it provides.
 */
public class PluginException extends LvaException {
    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
