package dev.lva.examples.cli;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.InProcess.Run;
import dev.lva.examples.Lva;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects found by hostile option parsing (docs/hostile/2026-12-07-options.md), as the command line meets them. */
class OptionsHostileCliTest {
    @TempDir
    Path dir;

    @Test
    void lvaSweepRefusesChannelsForTheMlpAsLvaFitDoes() throws Exception {
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "a,b\n1,2\n3,4\n5,7\n");
        Run r = lva("sweep", "--data", data.toString(), "--channels", "8", "--engine", "threads", "--out",
                dir.resolve("s").toString());
        assertEquals(Lva.EXIT_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains("--channels 8 with --model lvae: lvae is an MLP with no convolutions"), r.err());
        assertTrue(!Files.exists(dir.resolve("s")), "nothing is written for a refused sweep");
    }

    @Test
    void aRunOptionLvaFitTakesFromItsConfigFileOnlySaysSo() {
        Run r = lva("fit", "--data", "x.csv", "--pruned-in-penalty", "true");
        assertEquals(Lva.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("lva: --pruned-in-penalty is set in a config file for lva fit"
                + " ('pruned-in-penalty: VALUE' under penalty: in --config FILE); lva sweep takes --pruned-in-penalty"),
                r.err());
    }

    @Test
    void aListOfWeightsForLvaFitSaysWhereAListBelongs() {
        Run r = lva("fit", "--data", "x.csv", "--lambda", "1e-3,1e-2");
        assertEquals(Lva.EXIT_ERROR, r.exit());
        assertTrue(r.err().contains("--lambda 1e-3,1e-2: a penalty weight is a number >= 0; lva fit trains one weight"
                + " (lva sweep --lambda 1e-3,1e-2 compares several)"), r.err());
    }

    @Test
    void anEmptySectionOfAConfigFileIsNoOption() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "data: rows.csv\ntraining:\nmodel:\n  latent: 2\n");
        FitCommand fit = new FitCommand();
        new picocli.CommandLine(fit).parseArgs("--config", file.toString());
        assertEquals(2, fit.resolve().latent());
    }
}
