package dev.lva.sweep;

import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.sweep.SweepGrid;
import dev.lva.run.sweep.SweepOptions;
import dev.lva.run.sweep.SweepPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** The tests' data, grids and the numbers of {@code lva fit}'s own path. */
final class TestData {
    static final Plugins PLUGINS = Plugins.discover();

    private TestData() {
    }

    /** A noisy curve in 3-D, 100 rows (the course's kind of data). */
    static Path curve(Path dir) throws IOException {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder("x0,x1,x2\n");
        for (int i = 0; i < 100; i++) {
            double t = -1 + 2.0 * i / 99;
            sb.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", Math.sin(2 * t) + 0.01 * r.nextGaussian(),
                    t * t + 0.01 * r.nextGaussian(), Math.cos(5 * t) + 0.01 * r.nextGaussian()));
        }
        Path file = dir.resolve("curve.csv");
        Files.writeString(file, sb.toString());
        return file;
    }

    /** The command-line arguments of a sweep, as {@code lva sweep} takes them. */
    static SweepPlan plan(List<String> args) {
        SweepOptions o = new SweepOptions();
        for (int i = 0; i < args.size(); i += 2) {
            o.putTyped(args.get(i), args.get(i), List.of(args.get(i + 1)));
        }
        return SweepGrid.plan(o, SweepOptions.defaults(), PLUGINS);
    }

    /** One run's numbers as {@code lva fit} computes them: the table's columns that are not times. */
    record FitNumbers(Integer dimsExplained, Integer dimsStd, double reconstruction, double lossTotal, double lossData,
                      double lossPenalty, long steps) {
        /** A run without a count (collapsed, or data without variance) has empty cells, as sweep.csv writes them. */
        List<String> cells() {
            return List.of(java.util.Objects.toString(dimsExplained, ""), java.util.Objects.toString(dimsStd, ""),
                    Double.toString(reconstruction),
                    Double.toString(lossTotal), Double.toString(lossData), Double.toString(lossPenalty),
                    Long.toString(steps));
        }
    }

    /** Trains {@code config} the way {@code lva fit} does, in {@code scratch}. */
    static FitNumbers fit(RunConfig config, Path scratch) {
        RunConfig c = Options.bind(config, Map.of("out", scratch.toString()), "test");
        LvaRun.Result r = new LvaRun(c, PLUGINS, null).run(RunData.load(c, c.precision().dataType()));
        boolean counted = r.verdict().counted();
        return new FitNumbers(counted ? r.analysis().intrinsicDimension() : null,
                counted ? r.analysis().aboveRelativeStd() : null, r.analysis().lossNone(),
                r.training().lastLoss().total(), r.training().lastLoss().data(), r.training().lastLoss().penalty(),
                r.training().steps());
    }

    /** Each row of sweep.csv as its run name and the numbers {@link FitNumbers#cells()} holds. */
    static Map<String, List<String>> table(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int from = header.indexOf("dims_explained");
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            List<String> numbers = new ArrayList<>(List.of(cells).subList(from, from + 7));
            out.put(cells[0], numbers);
        }
        return out;
    }
}
