package dev.lva.core.checkpoint;

/**
 * A plugin a checkpoint was written with, recorded so that a later load can say what differs.
 *
 * @param kind     the plugin kind ({@code model}, {@code optimizer}, {@code regularizer}, ...)
 * @param name     the plugin's logical name
 * @param provider the provider's class name
 * @param version  the version of the jar it came from, or {@code unknown}
 */
public record PluginVersion(String kind, String name, String provider, String version) {
}
