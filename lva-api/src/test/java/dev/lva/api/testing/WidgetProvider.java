package dev.lva.api.testing;

import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.Provider;

/** A kind that exists only in tests, so duplicate providers can be staged without disturbing the real kinds. */
public interface WidgetProvider extends Provider<String, WidgetProvider.NoOptions> {
    PluginKind<WidgetProvider, String> KIND = PluginKind.of("widget", WidgetProvider.class);

    record NoOptions() {
    }

    @Override
    default NoOptions defaultOptions() {
        return new NoOptions();
    }

    @Override
    default String create(NoOptions options) {
        return name() + " made by " + getClass().getSimpleName();
    }
}
