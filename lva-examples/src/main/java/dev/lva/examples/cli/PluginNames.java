package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.Plugins;
import java.util.Iterator;
import java.util.List;

/**
 * The plugin names of one kind found on the class path when the help is shown, for an option's
 * {@code ${COMPLETION-CANDIDATES}}: a plugin jar on {@code LVA_CLASSPATH} shows up in
 * {@code lva fit --help} without a change here, and so does one in {@code --plugins DIR}. Discovery runs
 * only when the names are listed.
 */
public abstract class PluginNames implements Iterable<String> {
    private final PluginKind<?, ?> kind;

    PluginNames(PluginKind<?, ?> kind) {
        this.kind = kind;
    }

    @Override
    public Iterator<String> iterator() {
        try {
            return names(kind).iterator();
        } catch (LvaException e) {
            // the help must show even when a plugin on the class path is broken; using it will say why
            return List.of("(" + kind.plural() + " could not be listed: " + e.getMessage() + ")").iterator();
        }
    }

    /** Through the thread's context loader: after {@code --plugins DIR}, the folder's loader ({@link PluginHelp}). */
    private static <P extends dev.lva.api.plugin.Provider<T, ?>, T> List<String> names(PluginKind<P, T> kind) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return Plugins.discover(context != null ? context : PluginNames.class.getClassLoader()).registry(kind).names();
    }

    /** The names of {@code kind}'s plugins, listed when the help is shown. */
    public static PluginNames of(PluginKind<?, ?> kind) {
        return new PluginNames(kind) {
        };
    }
}
