package dev.lva.run.sweep;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One grid point as a unit of work: the run's options as {@code lva fit} binds them (strings, so the
 * task travels without paths or plugin objects), the engine threads it trains with (part of its
 * numbers), and the checkpoint to continue from when an earlier attempt left one.
 *
 * @param name       the run's name, its folder under {@code runs/}
 * @param config     the run's options by {@link dev.lva.run.RunConfig} component name; {@code out}
 *                   is the run's folder on the driver
 * @param threads    the engine's thread count for this run
 * @param checkpoint where to continue from, or null for a fresh start
 * @param report     whether the run also draws its figures and writes its {@code report.html}, as
 *                   {@code lva fit} does ({@code lva fit --seeds}); a sweep's runs need only their numbers
 */
public record SweepTask(String name, Map<String, String> config, int threads, CheckpointBytes checkpoint,
                        boolean report) implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    public SweepTask {
        config = new LinkedHashMap<>(config);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** A task whose run writes no report of its own. */
    public SweepTask(String name, Map<String, String> config, int threads, CheckpointBytes checkpoint) {
        this(name, config, threads, checkpoint, false);
    }

    /** The key of the data this run trains on: the precision decides the type its values are read in. */
    public String dataKey() {
        String precision = config.getOrDefault("precision", "float32");
        return dev.lva.models.Precision.valueOf(precision.toUpperCase(java.util.Locale.ROOT)).dataType().name();
    }

    @Override
    public Map<String, String> config() {
        return java.util.Collections.unmodifiableMap(config);
    }
}
