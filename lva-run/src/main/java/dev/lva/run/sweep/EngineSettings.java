package dev.lva.run.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start an engine.
 *
 * @param master   where to run: null for this machine; for Spark a master URL ({@code spark://host:7077},
 *                 {@code local[4]})
 * @param parallel runs at the same time on this machine when {@code master} is null
 * @param threads  the engine threads of every run (part of its numbers, like {@code lva fit --threads})
 * @param conf     engine-specific settings ({@code spark.executor.memory=4g})
 * @param masterWaitSeconds how long to wait for a remote master to answer before saying what answers
 *                 instead (Spark itself retries for over a minute, then fails with its own stack traces)
 */
public record EngineSettings(String master, int parallel, int threads, Map<String, String> conf,
                             int masterWaitSeconds) {
    /** The default of {@code --master-wait}: a standalone master answers within a second when it is there. */
    public static final int DEFAULT_MASTER_WAIT_SECONDS = 15;

    public EngineSettings(String master, int parallel, int threads, Map<String, String> conf) {
        this(master, parallel, threads, conf, DEFAULT_MASTER_WAIT_SECONDS);
    }

    public EngineSettings {
        if (masterWaitSeconds < 1) {
            throw new IllegalArgumentException("masterWaitSeconds must be >= 1, got " + masterWaitSeconds);
        }
        conf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * How many runs train at once, where that is known here: {@code parallel} on this machine, N for
     * {@code local[N]}; 0 on a cluster, whose cores the driver does not know before it starts.
     */
    public int runsAtATime() {
        if (master == null) {
            return parallel;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(\\[(\\*|\\d{1,6})(,\\d+)?])?")
                .matcher(master.strip());
        if (!m.matches()) {
            return 0;
        }
        return m.group(2) == null ? 1 : m.group(2).equals("*") ? defaultParallel(threads)
                : Math.max(1, Integer.parseInt(m.group(2)));
    }

    /** Runs at a time that keep every core busy without two runs fighting over one: cores / threads. */
    public static int defaultParallel(int threads) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threads));
    }
}
