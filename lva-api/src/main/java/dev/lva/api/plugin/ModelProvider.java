package dev.lva.api.plugin;

import dev.lva.api.Model;

/**
 * Service interface for {@link Model} plugins: list implementations in
 * {@code META-INF/services/dev.lva.api.plugin.ModelProvider}.
 */
public interface ModelProvider<O extends Record> extends Provider<Model, O> {
    PluginKind<ModelProvider<?>, Model> KIND = PluginKind.of("model", ModelProvider.class);
}
