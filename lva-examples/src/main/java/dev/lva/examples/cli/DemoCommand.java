package dev.lva.examples.cli;

import dev.lva.core.data.CsvTable;
import dev.lva.examples.Lva;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.Scaling;
import dev.lva.models.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lva demo}: DESIGN §4's seed workload on the built-in 3-D curve, unscaled as in the course:
 * an LVAE 3 -> [48]x4 -> 3 with a spectrally normalised decoder, Adam 1e-3, volume penalty with
 * lambda = eta = 0.01, 20000 full-batch steps. Seed 1 by default: it starts from the weights PyTorch
 * draws for seed 1 and, like PyTorch, ends with one dimension (seed 0 keeps two, in both).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Find the intrinsic dimension of the built-in 3-D curve (the course's data).")
public final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", defaultValue = "20000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "lva-out/demo", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        lva.configure();
        RunConfig d = RunConfig.fitDefaults();
        RunConfig cfg = new RunConfig(Path.of(RunData.BUILT_IN + "ae3d.csv"), List.of(), CsvTable.Header.AUTO, Scaling.NONE, 3,
                d.hidden(), d.activation(), d.regularizer(), "none", 0, false, "adam", 1e-3, steps, 0,
                RunConfig.DEFAULT_TOL_WINDOW, 0, seed,
                Precision.FLOAT32, 0, 0, 1, out);
        RunData data = RunData.builtIn("ae3d.csv", List.of(), Scaling.NONE, cfg.precision().dataType());
        // the demo's folder is the demo's: a new demo replaces the last (kept until this one has finished)
        LvaRun.Result result = new LvaRun(cfg, lva.plugins(), ProgressDisplay.on(System.err)).run(data, true);
        return lva.finish(result, spec.commandLine().getOut());
    }
}
