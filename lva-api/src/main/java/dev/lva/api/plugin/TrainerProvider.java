package dev.lva.api.plugin;

import dev.lva.api.Trainer;

/**
 * Service interface for {@link Trainer} plugins: list implementations in
 * {@code META-INF/services/dev.lva.api.plugin.TrainerProvider}.
 */
public interface TrainerProvider<O extends Record> extends Provider<Trainer, O> {
    PluginKind<TrainerProvider<?>, Trainer> KIND = PluginKind.of("trainer", TrainerProvider.class);
}
