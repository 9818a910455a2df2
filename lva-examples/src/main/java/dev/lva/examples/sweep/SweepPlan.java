package dev.lva.examples.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated sweep: its folder, where its run folders go, the options that vary (in grid order) and
 * every grid point.
 *
 * @param out    the sweep's folder ({@code sweep.csv}, {@code report.html}, kept checkpoints)
 * @param runs   the folder of the run folders: {@code out/runs} for {@code lva sweep}, {@code out}
 *               itself for {@code lva fit --seeds} ({@code OUT/seed-S})
 * @param axes   the options given more than one value, in grid order
 * @param points the runs, penalties outermost and seeds innermost
 */
public record SweepPlan(Path out, Path runs, List<String> axes, List<SweepPoint> points) {
    public SweepPlan {
        axes = List.copyOf(axes);
        points = List.copyOf(points);
    }

    /** A sweep whose runs go into {@code out/runs/}. */
    public SweepPlan(Path out, List<String> axes, List<SweepPoint> points) {
        this(out, out.resolve(SweepFolder.RUNS), axes, points);
    }

    /**
     * The grid's size in words, for a sweep asked to confirm it: {@code 240 runs (regularizer 4 x
     * lambda 3 x seed 20), each up to 2000 epochs}.
     */
    public String sizeText() {
        StringBuilder sb = new StringBuilder().append(points.size()).append(points.size() == 1 ? " run" : " runs");
        List<String> factors = new java.util.ArrayList<>();
        for (String axis : axes) {
            long n = points.stream().map(p -> p.values().get(axis)).distinct().count();
            factors.add(SweepOptions.kebab(axis) + " " + n);
        }
        if (!factors.isEmpty()) {
            sb.append(" (").append(String.join(" x ", factors)).append(')');
        }
        int epochs = points.stream().mapToInt(p -> p.config().epochs()).max().orElse(0);
        return sb.append(", each up to ").append(epochs).append(epochs == 1 ? " epoch" : " epochs").toString();
    }

    /** The run folder of a point. */
    public Path runDir(String name) {
        return runs.resolve(name);
    }
}
