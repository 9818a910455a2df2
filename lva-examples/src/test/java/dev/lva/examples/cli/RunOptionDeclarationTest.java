package dev.lva.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.Lva;
import dev.lva.run.OptionHelp;
import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import dev.lva.run.sweep.SweepOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each run option is declared once, in {@link RunOptions#ALL}: {@code lva fit} has exactly one picocli
 * option for each option with a flag, {@code lva sweep} exactly one for each (a list for an axis), and
 * both show the table's help, so a second declaration with its own description or default cannot
 * come back unseen.
 */
class RunOptionDeclarationTest {
    private static CommandSpec command(String name) {
        return new CommandLine(new Lva()).getSubcommands().get(name).getCommandSpec();
    }

    /** The options of {@code command} one of whose names names {@code o} (its flag or an alias). */
    private static List<OptionSpec> declared(CommandSpec command, RunOption o) {
        return command.options().stream().filter(s -> List.of(s.names()).stream()
                .anyMatch(n -> RunOptions.find(n) == o && (n.equals(o.flag()) || o.aliases().stream()
                        .anyMatch(a -> n.equals("--" + RunOptions.kebab(a)))))).toList();
    }

    /** The help as the table words it, up to its first placeholder that the command lists at run time. */
    private static String fixedPart(String help) {
        int plugins = help.indexOf("{plugins}");
        return plugins < 0 ? help : help.substring(0, plugins);
    }

    private static String description(OptionSpec s) {
        return String.join(" ", s.description());
    }

    @Test
    void everyOptionWithAFlagIsOnePicocliOptionOfLvaFitWithTheTablesHelp() {
        CommandSpec fit = command("fit");
        for (RunOption o : RunOptions.ALL) {
            if (!o.fitFlag()) {
                assertTrue(declared(fit, o).stream().noneMatch(s -> List.of(s.names()).contains(o.flag())),
                        o.flag() + " is set in a config file only");
                continue;
            }
            List<OptionSpec> specs = declared(fit, o).stream()
                    .filter(s -> List.of(s.names()).contains(o.flag())).toList();
            assertEquals(1, specs.size(), "lva fit " + o.flag() + " is declared " + specs.size() + " times");
            String help = OptionHelp.fit(o);
            assertNotNull(help, o.name() + " has a flag and no help");
            assertTrue(description(specs.get(0)).startsWith(fixedPart(help)), o.flag() + ": " + description(specs.get(0)));
            assertFalse(description(specs.get(0)).matches(".*\\{(default|others|value)}.*"), o.flag() + " unfilled");
        }
    }

    @Test
    void everyOptionIsOnePicocliOptionOfLvaSweepAListWhereItIsAnAxis() {
        CommandSpec sweep = command("sweep");
        for (RunOption o : RunOptions.ALL) {
            List<OptionSpec> specs = declared(sweep, o);
            assertEquals(1, specs.size(), "lva sweep " + o.flag() + " is declared " + specs.size() + " times");
            OptionSpec s = specs.get(0);
            assertEquals(o.axis(), s.isMultiValue(), o.flag());
            String help = OptionHelp.sweep(o, SweepOptions::defaults);
            assertNotNull(help, o.name() + " has no help in a sweep");
            assertTrue(description(s).startsWith(fixedPart(help)), o.flag() + ": " + description(s));
        }
    }

    @Test
    void theHelpStatesEachModelsDefaultsFromWhereRunsTakeThem() {
        String fit = String.join(" ", command("fit").findOption("--epochs").description());
        assertTrue(fit.contains("(default: 10000; 100 for conv-lvae)"), fit);
        String window = String.join(" ", command("sweep").findOption("--tol-window").description());
        assertTrue(window.contains("(default: 200; 5 for conv-lvae)"), window);
        // a sweep keeps a checkpoint a minute for its driver; lva fit has no time trigger by default
        assertTrue(String.join(" ", command("sweep").findOption("--checkpoint-seconds").description())
                .contains("(default: 60)"));
        assertTrue(String.join(" ", command("fit").findOption("--checkpoint-seconds").description())
                .contains("(default: 0)"));
        assertTrue(String.join(" ", command("fit").findOption("--out").description()).contains("lva-out/fit"));
        assertTrue(String.join(" ", command("sweep").findOption("--out").description()).contains("lva-sweep"));
        String model = String.join(" ", command("fit").findOption("--model").description());
        assertTrue(model.endsWith("(default: lvae)."), model);
    }

    @Test
    void theSweepListsTheRunOptionsFirstInTheTablesOrder() {
        List<String> names = command("sweep").options().stream().map(OptionSpec::longestName).toList();
        List<String> table = RunOptions.ALL.stream().map(o -> o.aliases().isEmpty() ? o.flag()
                : "--" + RunOptions.kebab(o.aliases().get(0))).toList();
        assertEquals(table, names.subList(0, table.size()));
    }
}
