package dev.lva.api.plugin;

import dev.lva.api.Loss;

/**
 * Service interface for {@link Loss} plugins: list implementations in
 * {@code META-INF/services/dev.lva.api.plugin.LossProvider}.
 */
public interface LossProvider<O extends Record> extends Provider<Loss, O> {
    PluginKind<LossProvider<?>, Loss> KIND = PluginKind.of("loss", LossProvider.class);
}
