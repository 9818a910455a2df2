package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.core.nn.activation.Activation;
import dev.lva.core.nn.activation.Activations;
import dev.lva.viz.ActivationGallery;
import dev.lva.viz.GridOptions;
import dev.lva.viz.Series;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lva activations}: the course's gallery of the fifteen activations on [-3, 3], with PyTorch's
 * default parameters (LeakyReLU slope 0.01, ELU and CELU alpha 1, PReLU 0.25, ...), and a second
 * gallery of their derivatives, the values backpropagation multiplies by. No reference script: the
 * notebook only draws them. Prints each function and its derivative at x = -2, -1, 0, 1, 2 (ReLU:
 * 0 0 0 1 2; sigmoid at 0: 0.5 with derivative 0.25). Writes {@code activations.png} and
 * {@code activation-derivatives.png}.
 */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Course section: the gallery of the fifteen activations and their derivatives.")
public final class ActivationsLauncher extends CourseLauncher {
    private static final double[] PROBES = {-2, -1, 0, 1, 2};

    @Option(names = "--points", defaultValue = "301",
            description = "Points on [-3, 3] per curve (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    protected void run(PrintWriter out, Path dir) {
        if (points < 2) {
            throw new LvaException("--points must be at least 2, got " + points);
        }
        double[] x = CourseData.linspace(-3, 3, points);
        List<Series> values = new ArrayList<>();
        List<Series> derivatives = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-11s", "x"));
        for (double p : PROBES) {
            header.append(String.format(Locale.ROOT, " %8.0f", p));
        }
        out.println(header + "   (f(x), then f'(x))");
        for (String name : Activations.NAMES) {
            Activation f = Activations.create(name);
            double[] y = new double[x.length];
            double[] dy = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = f.value(x[i]);
                dy[i] = f.derivative(x[i], y[i]);
            }
            values.add(Series.of(name, x, y));
            derivatives.add(Series.of(name + "'", x, dy));
            StringBuilder fLine = new StringBuilder(String.format(Locale.ROOT, "%-11s", name));
            StringBuilder dLine = new StringBuilder(String.format(Locale.ROOT, "%-11s", ""));
            for (double p : PROBES) {
                double v = f.value(p);
                fLine.append(String.format(Locale.ROOT, " %8.4f", v));
                dLine.append(String.format(Locale.ROOT, " %8.4f", f.derivative(p, v)));
            }
            out.println(fLine);
            out.println(dLine);
        }
        save(out, dir, "activations.png", ActivationGallery.of(GridOptions.titled("Activations on [-3, 3]")
                .withColumns(5), values));
        save(out, dir, "activation-derivatives.png", ActivationGallery.of(
                GridOptions.titled("Derivatives of the activations on [-3, 3]").withColumns(5), derivatives));
    }
}
