package dev.lva.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lva.run.RunConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FitCommandTest {
    private static RunConfig resolve(String... args) {
        FitCommand fit = new FitCommand();
        new CommandLine(fit).parseArgs(args);
        return fit.resolve();
    }

    @Test
    void convLvaeTakesItsOwnDefaultsWhereTheCommandLineIsSilent() {
        RunConfig conv = resolve("--data", "images.npy", "--model", "conv-lvae");
        assertEquals(100, conv.batch());
        assertEquals(100, conv.epochs());
        assertEquals(5, conv.tolWindow());
        // pixels in [0, 1]: the MLP's lambda 0.01 collapsed every code
        assertEquals("volume:lambda=0.001,eta=0.01", conv.regularizer());

        RunConfig told = resolve("--data", "images.npy", "--model", "conv-lvae", "--epochs", "7", "--regularizer",
                "lasso:lambda=0.1");
        assertEquals(7, told.epochs());
        assertEquals("lasso:lambda=0.1", told.regularizer());

        RunConfig mlp = resolve("--data", "rows.csv");
        assertEquals(RunConfig.fitDefaults().regularizer(), mlp.regularizer());
        assertEquals(RunConfig.DEFAULT_EPOCHS, mlp.epochs());
    }

    @Test
    void aRunWithoutOutGoesToLvaOutFit() {
        assertEquals(java.nio.file.Path.of("lva-out", "fit"), resolve("--data", "rows.csv").out());
    }

    @Test
    void lambdaIsTheDefaultPenaltysWeightAsInSweep() {
        assertEquals("volume:lambda=0.1,eta=0.01", resolve("--data", "rows.csv", "--lambda", "0.1").regularizer());
        assertEquals("volume:lambda=0.5,eta=0.01", resolve("--data", "images.npy", "--model", "conv-lvae",
                "--lambda", "0.5").regularizer());
        assertEquals("lasso:lambda=0.2", resolve("--data", "rows.csv", "--regularizer", "lasso", "--lambda", "0.2")
                .regularizer());
    }

    @Test
    void aNestedConfigFileAndTheCommandLineMerge(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("c.yaml");
        java.nio.file.Files.writeString(file, "data:\n  data: rows.csv\nmodel:\n  latent: 2\n  hidden: [8, 8]\n"
                + "optimizer:\n  lr: 0.05\ntraining:\n  tol-window: 9\n");
        RunConfig c = resolve("--config", file.toString(), "--lr", "0.01");
        assertEquals(2, c.latent());
        assertEquals(java.util.List.of(8, 8), c.hidden());
        assertEquals(9, c.tolWindow());
        assertEquals(0.01, c.lr(), "the command line wins over the file");
        assertEquals(java.nio.file.Path.of("rows.csv"), c.data());
    }
}
