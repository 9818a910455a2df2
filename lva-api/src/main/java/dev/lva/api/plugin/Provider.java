package dev.lva.api.plugin;

import java.util.Map;

/**
 * A named factory for one pluggable kind, found through {@link java.util.ServiceLoader}. Each kind has
 * its own sub-interface ({@link RegularizerProvider}, {@link ModelProvider}, ...) that a plugin lists
 * in {@code META-INF/services/<that interface>}.
 *
 * <p>Options are a record; its compact constructor validates them. {@link #defaultOptions()} gives
 * the values a user did not set, so {@code "volume:eta=0.1"} means "the defaults, with eta = 0.1".
 *
 * @param <T> what the provider creates
 * @param <O> its options record
 */
public interface Provider<T, O extends Record> {

    /** The logical name users write ({@code volume}, {@code lvae}); lower case, no colon or comma. */
    String name();

    O defaultOptions();

    T create(O options);

    /** A provider may decline (a missing native library, say); it is then listed but not usable. */
    default boolean isAvailable() {
        return true;
    }

    /** One line for {@code lva plugins}. */
    default String description() {
        return "";
    }

    /**
     * The options whose values are specs of other plugins, by option key, with their kind: a model's
     * latent penalty ({@code regularizer -> RegularizerProvider.KIND}), its pruning policy. A checkpoint
     * records those plugins' versions too, and a tool may list their options; none by default.
     */
    default Map<String, PluginKind<?, ?>> nestedPlugins() {
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    default Class<O> optionsType() {
        return (Class<O>) defaultOptions().getClass();
    }

    /** Creates from string options such as those of {@code name:key=value,...}; keys not given keep their defaults. */
    default T create(Map<String, String> options) {
        return create(Options.bind(defaultOptions(), options, name()));
    }
}
