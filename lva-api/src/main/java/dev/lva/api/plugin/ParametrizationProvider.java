package dev.lva.api.plugin;

import dev.lva.api.Parametrization;

/**
 * Service interface for {@link Parametrization} plugins: a provider makes a {@link Parametrization.Factory}
 * from its options, and a layer calls the factory with its weight and operator. List
 * implementations in {@code META-INF/services/dev.lva.api.plugin.ParametrizationProvider}.
 */
public interface ParametrizationProvider<O extends Record> extends Provider<Parametrization.Factory, O> {
    PluginKind<ParametrizationProvider<?>, Parametrization.Factory> KIND =
            PluginKind.of("parametrization", ParametrizationProvider.class);
}
