package dev.lva.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.Lva;
import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code lva fit}'s and {@code lva sweep}'s picocli options that configure a run are the options of
 * {@link RunOptions}, and the other way round: an option added in one place and not the other fails
 * here, not in a user's config file.
 */
class RunOptionsCliTest {
    /** Options of the commands themselves (where the config is, what to do with a folder, the engine). */
    private static final Set<String> FIT_OWN = Set.of("--config", "--overwrite", "--accept-changed-data");
    private static final Set<String> SWEEP_OWN = Set.of("--config", "--retry-failed", "--yes", "--run-reports",
            "--accept-changed-data", "--engine", "--master", "--master-wait", "--parallel", "--conf");
    /** lva's own, which every command inherits. */
    private static final Set<String> LVA_OWN = Set.of("--help", "--version", "--verbose", "--threads", "--plugins");

    private static CommandSpec command(String name) {
        return new CommandLine(new Lva()).getSubcommands().get(name).getCommandSpec();
    }

    /** Every option of the command not its own or lva's, by longest name. */
    private static Map<String, OptionSpec> runOptions(CommandSpec command, Set<String> own) {
        Map<String, OptionSpec> out = new java.util.TreeMap<>();
        for (OptionSpec o : command.options()) {
            if (!own.contains(o.longestName()) && !LVA_OWN.contains(o.longestName())) {
                out.put(o.longestName(), o);
            }
        }
        return out;
    }

    @Test
    void everyOptionOfLvaFitThatConfiguresARunIsInTheTableAndViceVersa() {
        Map<String, OptionSpec> fit = runOptions(command("fit"), FIT_OWN);
        for (String flag : fit.keySet()) {
            assertNotNull(RunOptions.find(flag), "lva fit " + flag + " is not in RunOptions.ALL (nor one of the"
                    + " command's own options)");
        }
        Set<String> expected = new TreeSet<>();
        for (RunOption o : RunOptions.ALL) {
            if (o.fitFlag()) {
                expected.add(o.flag());
            }
            // lva fit --seeds: one run per seed
            o.aliases().forEach(a -> expected.add("--" + a));
        }
        assertEquals(expected, fit.keySet());
        assertTrue(!fit.containsKey("--pruned-in-penalty"), "prunedInPenalty is set in a config file only");
    }

    @Test
    void everyOptionOfLvaSweepIsInTheTableAndTakesAListWhereItIsAnAxis() {
        Map<String, OptionSpec> sweep = runOptions(command("sweep"), SWEEP_OWN);
        Set<String> expected = new TreeSet<>();
        for (RunOption o : RunOptions.ALL) {
            expected.add(o.flag());
        }
        // --seeds (and --seed) is the seed option's flag in a sweep
        expected.remove("--seed");
        expected.add("--seeds");
        assertEquals(expected, sweep.keySet());
        for (OptionSpec s : sweep.values()) {
            RunOption o = RunOptions.find(s.longestName());
            assertEquals(o.axis(), s.isMultiValue(), "lva sweep " + s.longestName() + (o.axis()
                    ? " is an axis of the grid and takes a list" : " has one value for a whole sweep"));
        }
    }
}
