package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.Provider;
import dev.lva.api.plugin.ProviderFailure;
import dev.lva.api.plugin.ProviderRegistry;
import dev.lva.examples.Lva;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lva plugins}: every discovered provider by kind, with its source jar and options. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the models, regularizers, pruning policies, optimizers, losses, trainers and"
                + " parametrizations found.")
public final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        lva.plugins(); // a bad --plugins folder is an error of the command, not of one kind
        for (PluginKind<?, ?> kind : PluginHelp.KINDS) {
            list(out, kind);
        }
        return 0;
    }

    private <P extends Provider<T, ?>, T> void list(PrintWriter out, PluginKind<P, T> kind) {
        out.println(kind.plural() + ":");
        ProviderRegistry<P, T> registry;
        try {
            registry = lva.plugins().registry(kind);
        } catch (LvaException e) {
            out.println("  error: " + e.getMessage());
            return;
        }
        for (P p : registry.providers()) {
            Map<String, String> defaults = Options.format(p.defaultOptions());
            String options = defaults.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            out.printf("  %-18s %s%s%n", p.name(), p.description(), p.isAvailable() ? "" : " (not available here)");
            out.printf("  %-18s options: %s%n", "", options.isEmpty() ? "(none)" : options);
            out.printf("  %-18s from: %s%n", "", ProviderRegistry.locationOf(p.getClass()));
        }
        for (ProviderFailure f : registry.failures()) {
            out.println("  failed to load: " + f);
        }
    }
}
