package dev.lva.examples.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated sweep: its folder, the options that vary (in grid order) and every grid point.
 *
 * @param out    the sweep's folder ({@code runs/}, {@code sweep.csv}, {@code report.html})
 * @param axes   the options given more than one value, in grid order
 * @param points the runs, penalties outermost and seeds innermost
 */
public record SweepPlan(Path out, List<String> axes, List<SweepPoint> points) {
    public SweepPlan {
        axes = List.copyOf(axes);
        points = List.copyOf(points);
    }

    /** The run folder of a point. */
    public Path runDir(String name) {
        return out.resolve(SweepFolder.RUNS).resolve(name);
    }
}
