package dev.lva.run.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the comparison: a grid point and how its run ended.
 *
 * @param name    the run's name
 * @param values  the grid's values of this run, as written by the user
 * @param penalty the regularizer's name
 * @param lambda  its weight (NaN when it has none)
 * @param seed    the run's seed
 * @param status  how it ended
 * @param message why it failed, or empty
 * @param metrics its numbers, null unless it ended OK
 */
public record RunRecord(String name, Map<String, String> values, String penalty, double lambda, long seed,
                        RunOutcome.Status status, String message, RunMetrics metrics) {
    public RunRecord {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        message = message == null ? "" : message;
    }

    public static RunRecord of(SweepPoint point, RunOutcome.Status status, String message, RunMetrics metrics) {
        return new RunRecord(point.name(), point.values(), point.penalty(), point.lambda(), point.seed(), status,
                message, metrics);
    }

    public boolean ok() {
        return status == RunOutcome.Status.OK;
    }
}
