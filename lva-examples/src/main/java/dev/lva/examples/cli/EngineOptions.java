package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepEngine;
import dev.lva.run.sweep.SweepOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The command-line options that choose and start a sweep's engine, shared by the sweep commands. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "spark",
            description = "Where the runs train: spark (Apache Spark, embedded unless --master) or threads (this"
                    + " machine, no Spark) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: spark://HOST:7077 for a standalone cluster, local[N] for N runs here"
                    + " (default: embedded, local[--parallel]).")
    String master;

    @Option(names = "--master-wait", paramLabel = "SECONDS",
            description = "How long a --master spark://... may take to answer before the sweep says what is there"
                    + " instead (default: " + EngineSettings.DEFAULT_MASTER_WAIT_SECONDS + ").")
    Integer masterWait;

    @Option(names = "--parallel", paramLabel = "RUNS",
            description = "Runs at a time on this machine (default: cores / --threads).")
    Integer parallel;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "An engine setting, e.g. spark.executor.memory=4g (repeatable).")
    List<String> conf;

    /** The settings for runs of {@code threads} engine threads. */
    public EngineSettings settings(int threads) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String c : conf == null ? List.<String>of() : conf) {
            int eq = c.indexOf('=');
            if (eq <= 0) {
                throw new LvaException("--conf " + SweepOptions.cut(c) + ": expected KEY=VALUE");
            }
            map.put(c.substring(0, eq).strip(), c.substring(eq + 1).strip());
        }
        if (parallel != null && parallel < 1) {
            throw new LvaException("--parallel " + parallel + ": at least one run at a time");
        }
        if (parallel != null && master != null) {
            throw new LvaException("--parallel " + parallel + " with --master " + master + ": the master decides where"
                    + " runs go (local[" + parallel + "] runs " + parallel + " here)");
        }
        if (masterWait != null && masterWait < 1) {
            throw new LvaException("--master-wait " + masterWait + ": at least 1 second");
        }
        return new EngineSettings(master, parallel != null ? parallel : EngineSettings.defaultParallel(threads), threads,
                map, masterWait != null ? masterWait : EngineSettings.DEFAULT_MASTER_WAIT_SECONDS);
    }

    /**
     * The chosen engine, its settings checked before any data is read: what cannot work is refused,
     * what it does not know is warned about on {@code err}, one line each.
     */
    public SweepEngine check(EngineSettings settings, java.io.PrintWriter err) {
        SweepEngine chosen = engine();
        for (String warning : chosen.check(settings)) {
            err.println("lva: warning: " + warning);
        }
        err.flush();
        return chosen;
    }

    /** The chosen engine, found among those the class path holds. */
    public SweepEngine engine() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return SweepEngine.find(engine, loader != null ? loader : EngineOptions.class.getClassLoader());
    }
}
