package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.InProcess.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help and the messages of a command line typed wrong: whole sentences, whole values, a guess at the intent. */
class CommandLineHelpTest {
    @Test
    void aMistypedOptionOrCommandGetsAGuess() {
        Run option = lva("fit", "--epoch", "3");
        assertEquals(Lva.EXIT_USAGE, option.exit());
        assertTrue(option.err().contains("lva: did you mean --epochs?"), option.err());
        Run command = lva("fti", "--data", "x.csv");
        assertEquals(Lva.EXIT_USAGE, command.exit());
        assertTrue(command.err().contains("lva: did you mean 'lva fit'?"), command.err());
        Run nothingClose = lva("fit", "--zzzzzz");
        assertFalse(nothingClose.err().contains("did you mean"), nothingClose.err());
    }

    @Test
    void everyCommandsSummaryIsAWholeSentenceInTheCommandList() {
        Run help = lva("--help");
        assertEquals(0, help.exit());
        Map<String, CommandLine> commands = new CommandLine(new Lva()).getSubcommands();
        String flat = help.out().replaceAll("\\s+", " ");
        for (String name : List.of("demo", "fit", "encode", "decode", "resume", "plugins", "bench")) {
            String summary = commands.get(name).getCommandSpec().usageMessage().description()[0];
            assertTrue(summary.endsWith("."), name + ": " + summary);
            assertTrue(flat.contains(" " + name + " " + summary.replaceAll("\\s+", " ")), name + " in " + help.out());
        }
    }

    @Test
    void theHelpCitesNothingOutsideTheRepositoryAndSplitsNoValue() {
        for (String command : List.of("demo", "fit", "resume", "bench", "encode", "decode", "plugins", "lva",
                "autoencoder", "regression", "mlp")) {
            Run r = lva(command, "--help");
            assertEquals(0, r.exit(), command);
            assertFalse(r.out().contains("DESIGN"), command + ": " + r.out());
            assertFalse(r.out().matches("(?s).*\\w\\.py\\b.*"), command + ": " + r.out());
            for (String line : r.out().lines().toList()) {
                assertFalse(line.matches(".*\\d\\.$|.*\\be\\.$"), command + ": a value cut at the end of '" + line + "'");
            }
        }
        Run fit = lva("fit", "--help");
        assertTrue(fit.out().contains("volume:lambda=0.01,eta=0.01"), fit.out());
        assertTrue(fit.out().contains("0 or not given: as") && fit.out().contains("many as the data has"), fit.out());
        assertTrue(fit.out().contains("Optimizer steps (not epochs) between"), "--checkpoint-every names its unit");
        assertTrue(fit.out().contains("The first epoch (counted from 0)"), "--prune-from names its unit");
    }

    @Test
    void pluginOptionsListTheNamesFoundAtRunTime() {
        String fit = lva("fit", "--help").out().replaceAll("\\s+", " ");
        // hoyer and cov-volume come from lva-plugin-example's jar on the class path, not from a list in lva's sources
        assertTrue(fit.contains("with NAME one of cov-volume, hoyer, l1-std, l2, lasso, student-t, volume"), fit);
        assertTrue(fit.contains("with NAME one of lognorm, none, pca-cdf, plummet"), fit);
        assertTrue(fit.contains("with NAME one of adam, adamw, sgd"), fit);
    }

    @Test
    void pluginKindsArePluralisedAsWords() {
        Run r = lva("plugins");
        assertEquals(0, r.exit(), r.err());
        List<String> headings = r.out().lines().filter(l -> !l.startsWith(" ")).toList();
        assertEquals(List.of("models:", "regularizers:", "pruning policies:", "trainers:", "optimizers:", "losses:",
                "parametrizations:"),
                headings);
    }

    @Test
    void aToleranceBelowZeroIsRefusedByItsName() {
        Run r = lva("fit", "--data", "x.csv", "--tol", "-1");
        assertEquals(Lva.EXIT_ERROR, r.exit());
        assertTrue(r.err().startsWith("lva: invalid options for lva fit: --tol must be a finite number >= 0 (0 = train"
                + " every epoch), got -1"), r.err());
    }
}
