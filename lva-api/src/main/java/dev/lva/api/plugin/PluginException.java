package dev.lva.api.plugin;

import dev.lva.api.LvaException;

/** Discovery went wrong: an unknown name, two providers with one name, a provider that is unavailable. */
public class PluginException extends LvaException {
    public PluginException(String message) {
        super(message);
    }
}
