package dev.lva.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import dev.lva.api.plugin.LossProvider;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.ParametrizationProvider;
import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.Provider;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.api.plugin.TrainerProvider;

/**
 * Optional Guice wiring: binds {@link Plugins} and, for each pluggable kind, a
 * {@code Map<String, XxxProvider<?>>} of the discovered providers by name, so research code can
 * inject {@code @Inject Map<String, RegularizerProvider<?>> regularizers}. Plain
 * {@code Plugins.discover()} does the same without Guice.
 */
public final class LvaModule extends AbstractModule {
    private final Plugins plugins;

    public LvaModule(Plugins plugins) {
        this.plugins = plugins;
    }

    public LvaModule() {
        this(Plugins.discover(LvaModule.class.getClassLoader()));
    }

    @Override
    protected void configure() {
        bind(Plugins.class).toInstance(plugins);
        bindKind(RegularizerProvider.KIND, new TypeLiteral<RegularizerProvider<?>>() { });
        bindKind(ModelProvider.KIND, new TypeLiteral<ModelProvider<?>>() { });
        bindKind(TrainerProvider.KIND, new TypeLiteral<TrainerProvider<?>>() { });
        bindKind(OptimizerProvider.KIND, new TypeLiteral<OptimizerProvider<?>>() { });
        bindKind(LossProvider.KIND, new TypeLiteral<LossProvider<?>>() { });
        bindKind(PruningPolicyProvider.KIND, new TypeLiteral<PruningPolicyProvider<?>>() { });
        bindKind(ParametrizationProvider.KIND, new TypeLiteral<ParametrizationProvider<?>>() { });
    }

    private <P extends Provider<T, ?>, T> void bindKind(PluginKind<P, T> kind, TypeLiteral<P> type) {
        MapBinder<String, P> map = MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), type);
        for (P provider : plugins.registry(kind).providers()) {
            if (provider.isAvailable()) {
                map.addBinding(provider.name()).toInstance(provider);
            }
        }
    }
}
