package dev.lva.api.plugin;

import dev.lva.api.Regularizer;

/**
 * Service interface for {@link Regularizer} plugins: list implementations in
 * {@code META-INF/services/dev.lva.api.plugin.RegularizerProvider}.
 */
public interface RegularizerProvider<O extends Record> extends Provider<Regularizer, O> {
    PluginKind<RegularizerProvider<?>, Regularizer> KIND = PluginKind.of("regularizer", RegularizerProvider.class);
}
