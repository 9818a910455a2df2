package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.RegularizerProvider;
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

    /** {@code --regularizer}. */
    public static final class Regularizers extends PluginNames {
        public Regularizers() {
            super(RegularizerProvider.KIND);
        }
    }

    /** {@code --pruning}. */
    public static final class PruningPolicies extends PluginNames {
        public PruningPolicies() {
            super(PruningPolicyProvider.KIND);
        }
    }

    /** {@code --optimizer}. */
    public static final class Optimizers extends PluginNames {
        public Optimizers() {
            super(OptimizerProvider.KIND);
        }
    }
}
