package dev.lva.api.plugin;

import dev.lva.api.Optimizer;

/**
 * Service interface for {@link Optimizer} plugins: list implementations in
 * {@code META-INF/services/dev.lva.api.plugin.OptimizerProvider}.
 */
public interface OptimizerProvider<O extends Record> extends Provider<Optimizer, O> {
    PluginKind<OptimizerProvider<?>, Optimizer> KIND = PluginKind.of("optimizer", OptimizerProvider.class);
}
