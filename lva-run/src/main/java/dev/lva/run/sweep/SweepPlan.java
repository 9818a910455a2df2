package dev.lva.run.sweep;

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
    /** Grids larger than this start only when confirmed ({@code lva sweep --yes}). */
    public static final int CONFIRM_RUNS = 100;

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

    /**
     * A grid of more than {@link #CONFIRM_RUNS} runs starts only when confirmed: before anything is read
     * or started, the sweep says how big it is. How long it takes is measured on its first run (and
     * printed then), since a run's time depends on the data, the model and the machine.
     */
    public void requireConfirmed(boolean yes) {
        if (points.size() > CONFIRM_RUNS && !yes) {
            throw new dev.lva.api.LvaException("the grid has " + sizeText() + "; more than " + CONFIRM_RUNS
                    + " runs start only with --yes (the time a run takes is printed after the first one)");
        }
    }

    /** The run folder of a point. */
    public Path runDir(String name) {
        return runs.resolve(name);
    }
}
