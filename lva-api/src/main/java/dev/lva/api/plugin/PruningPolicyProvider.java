package dev.lva.api.plugin;

import dev.lva.api.PruningPolicy;

/**
 * Service interface for {@link PruningPolicy} plugins: list implementations in
 * {@code META-INF/services/dev.lva.api.plugin.PruningPolicyProvider}.
 */
public interface PruningPolicyProvider<O extends Record> extends Provider<PruningPolicy, O> {
    PluginKind<PruningPolicyProvider<?>, PruningPolicy> KIND = PluginKind.of("pruning policy", PruningPolicyProvider.class);
}
