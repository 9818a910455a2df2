package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.LossProvider;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.ParametrizationProvider;
import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.Provider;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.api.plugin.TrainerProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code lva --plugins DIR CMD --help} adds to a command's help: the plugins the folder brings
 * (models, penalties, pruning policies, optimizers, ...), each with its option keys and their defaults,
 * so a plugin's spec can be written from the help alone. The option lists that name plugins
 * ({@code --regularizer NAME one of ...}) see the folder too: {@link PluginNames} reads the thread's
 * context class loader, which the folder's loader becomes once the plugins are loaded.
 */
public final class PluginHelp {
    static final List<PluginKind<?, ?>> KINDS = List.of(ModelProvider.KIND, RegularizerProvider.KIND,
            PruningPolicyProvider.KIND, TrainerProvider.KIND, OptimizerProvider.KIND, LossProvider.KIND,
            ParametrizationProvider.KIND);

    private PluginHelp() {
    }

    /**
     * Adds the folder's plugins to the footer of the command whose help was asked for. A folder that
     * cannot be read is the command's error, as when the command runs.
     *
     * @param load         loads the plugins (class path and folder) and makes the folder's loader the
     *                     thread's context loader
     * @param fromFolder   whether a provider class came from the folder's jars
     */
    public static void addTo(CommandLine.ParseResult parse, Path folder, java.util.function.Supplier<Plugins> load,
                             Predicate<Class<?>> fromFolder) {
        CommandLine.ParseResult last = parse;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        if (folder == null || !last.isUsageHelpRequested()) {
            return;
        }
        CommandSpec spec = last.commandSpec();
        Plugins plugins;
        try {
            plugins = load.get();
        } catch (LvaException e) {
            throw new CommandLine.ExecutionException(spec.commandLine(), e.getMessage(), e);
        }
        List<String> footer = new ArrayList<>(Arrays.asList(spec.usageMessage().footer()));
        footer.add("");
        // no folder in the heading: a long path would wrap it, and the user has just typed it
        footer.add("Plugins of --plugins, as specs with their options' defaults:");
        List<String> lines = lines(plugins, fromFolder);
        footer.addAll(lines.isEmpty() ? List.of("  none: the folder's jars declare no provider (META-INF/services)")
                : lines);
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    /** Two lines a provider from the folder: kind, name and options, then its description. */
    static List<String> lines(Plugins plugins, Predicate<Class<?>> fromFolder) {
        List<String> out = new ArrayList<>();
        for (PluginKind<?, ?> kind : KINDS) {
            add(out, plugins, kind, fromFolder);
        }
        return out;
    }

    private static <P extends Provider<T, ?>, T> void add(List<String> out, Plugins plugins, PluginKind<P, T> kind,
                                                          Predicate<Class<?>> fromFolder) {
        for (P p : plugins.registry(kind).providers()) {
            if (!fromFolder.test(p.getClass())) {
                continue;
            }
            String options = Options.format(p.defaultOptions()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            out.add("  " + kind.displayName() + " " + p.name() + (options.isEmpty() ? " (no options)"
                    : ":" + options));
            out.add("      " + p.description());
        }
    }
}
