package dev.lva.api.plugin;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugin discovery through {@link java.util.ServiceLoader} with an explicit class loader. Nothing is
 * loaded until a kind is first asked for; each kind's registry is then built once.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.discover(getClass().getClassLoader());
 * Regularizer r = plugins.create(RegularizerProvider.KIND, "volume:lambda=0.01,eta=0.01");
 * }</pre>
 */
public final class Plugins {
    private final ClassLoader loader;
    private final ConcurrentHashMap<PluginKind<?, ?>, ProviderRegistry<?, ?>> registries = new ConcurrentHashMap<>();

    private Plugins(ClassLoader loader) {
        this.loader = Objects.requireNonNull(loader, "class loader");
    }

    /** Discovery through {@code loader}: a plugin jar is found when this loader sees it. */
    public static Plugins discover(ClassLoader loader) {
        return new Plugins(loader);
    }

    /** Discovery through the loader that loaded lva itself. */
    public static Plugins discover() {
        return new Plugins(Plugins.class.getClassLoader());
    }

    public ClassLoader classLoader() {
        return loader;
    }

    @SuppressWarnings("unchecked")
    public <P extends Provider<T, ?>, T> ProviderRegistry<P, T> registry(PluginKind<P, T> kind) {
        return (ProviderRegistry<P, T>) registries.computeIfAbsent(kind, k -> new ProviderRegistry<>(kind, loader));
    }

    public <P extends Provider<T, ?>, T> P provider(PluginKind<P, T> kind, String name) {
        return registry(kind).get(name);
    }

    /** Creates from a spec such as {@code volume:lambda=0.01,eta=0.01}. */
    public <P extends Provider<T, ?>, T> T create(PluginKind<P, T> kind, String spec) {
        return registry(kind).create(spec);
    }
}
