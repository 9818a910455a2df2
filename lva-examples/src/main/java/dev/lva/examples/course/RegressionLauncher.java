package dev.lva.examples.course;

import dev.lva.core.optim.Sgd;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.LinearRegression;
import dev.lva.models.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lva regression}: the course's linear regression, {@code y = w x + b} fitted with plain SGD
 * (lr 0.1, full batch) to the 18 training samples of the noisy cosine, as
 * {@code reference/torch/linreg.py}. A line cannot follow a cosine: the point is the training loop.
 *
 * <p>Expect, with seed 0 (PyTorch's initial weights for {@code torch.manual_seed(0)}): initial
 * w = -0.00749, b = 0.536; after 100 epochs w = -0.1795, b = -0.1037, next to the least-squares
 * optimum w = -0.1796, b = -0.1037; train MSE 0.6692 (the optimum's), test MSE 0.4442.
 * Writes {@code regression.png} (true function, samples, fitted line) and {@code regression-loss.png}.
 */
@Command(name = "regression", mixinStandardHelpOptions = true,
        description = "Course section: linear regression with SGD on the noisy cosine.")
public final class RegressionLauncher extends CourseLauncher {
    @Option(names = {"--epochs", "--steps"}, defaultValue = "100",
            description = "Full-batch SGD steps (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.1", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected void run(PrintWriter out, Path dir) {
        Toy1d data = Toy1d.load();
        LinearRegression model = new LinearRegression(1, 1, Precision.FLOAT32, seed);
        out.printf(Locale.ROOT, "linear regression y = w x + b on %d samples of cos(1.5 pi x) + noise; SGD lr %s,"
                + " %d epochs%n", data.xTrain().rows(), lr, epochs);
        out.printf(Locale.ROOT, "initial        w %.6g, b %.6g%n", model.weights().getDouble(0),
                model.bias().getDouble(0));
        CourseTraining.Outcome fit = CourseTraining.fit(model, Sgd.plain(lr), data.training(),
                TrainerOptions.fullBatch(epochs), out);
        out.printf(Locale.ROOT, "learned        w %.6g, b %.6g%n", model.weights().getDouble(0),
                model.bias().getDouble(0));
        double[] ols = leastSquares(data.xTrain().toDoubleVector(), data.yTrain().toDoubleVector());
        out.printf(Locale.ROOT, "least squares  w %.6g, b %.6g (train MSE %.6g)%n", ols[0], ols[1], ols[2]);
        data.printErrors(model, out);
        save(out, dir, "regression.png", data.plot("Linear regression", model));
        save(out, dir, "regression-loss.png", fit.lossCurve("Linear regression: training loss"));
    }

    /** The closed-form optimum in float64, {w, b, train MSE}: what SGD converges to, whatever the start. */
    static double[] leastSquares(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double w = sxy / sxx;
        double b = my - w * mx;
        double mse = 0;
        for (int i = 0; i < n; i++) {
            double r = w * x[i] + b - y[i];
            mse += r * r / n;
        }
        return new double[] {w, b, mse};
    }
}
