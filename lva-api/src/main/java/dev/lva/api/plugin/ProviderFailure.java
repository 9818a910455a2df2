package dev.lva.api.plugin;

/**
 * A provider that could not be loaded: its class name (as written in the services file), where it
 * was found when known, and why it failed. Reported, never fatal to the other providers.
 */
public record ProviderFailure(String className, String location, String reason) {
    @Override
    public String toString() {
        return className + " (" + location + "): " + reason;
    }
}
