package dev.lva.sweep;

import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A sweep's driver as a research program writes one, without the command line: the grid of
 * {@link TestData#plan}'s arguments on an embedded Spark of two runs at a time. A test starts it as a
 * process of its own, to kill it.
 */
final class SweepDriver {
    private SweepDriver() {
    }

    static SweepRunner.Summary sweep(List<String> args, PrintWriter log) throws InterruptedException {
        EngineSettings settings = new EngineSettings(null, 2, 1, Map.of("spark.executor.heartbeatInterval", "1s"));
        try (SweepExecutor spark = new SparkEngine().open(settings)) {
            return SweepRunner.run(TestData.plan(args), spark, 1, log);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        SweepRunner.Summary s = sweep(List.of(args), new PrintWriter(System.err, true));
        System.exit(s.errors() == 0 ? 0 : 1);
    }
}
