package dev.lva.run.sweep;

import dev.lva.run.RunConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the grid: a run of {@code lva fit} with these options.
 *
 * @param name    readable and unique in the sweep ({@code volume_lambda1e-3_seed0}); the run's folder
 * @param values  the grid's value of each option that takes a list here, as the user wrote it
 * @param config  the run's complete options; {@code out} is its folder
 * @param penalty the regularizer's name
 * @param lambda  the regularizer's weight (its default when not given), NaN when it has none
 */
public record SweepPoint(String name, Map<String, String> values, RunConfig config, String penalty, double lambda) {
    public SweepPoint {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public long seed() {
        return config.seed();
    }
}
