package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.api.TrainingData;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.optim.Adam;
import dev.lva.core.regularize.LassoRegularizer;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.AutoEncoder;
import dev.lva.models.MLP;
import dev.lva.viz.ExplainedVariancePlot;
import dev.lva.viz.Figure;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Scatter3D;
import dev.lva.viz.ScatterPlot;
import dev.lva.viz.View3D;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lva autoencoder}: PCA against a small autoencoder on the course's 3-D curve, as
 * {@code reference/torch/ae.py}. PCA first: explained variance ratios and the reconstruction from
 * 1 and 2 components. Then the autoencoder 3 -> 5 -> latent -> 5 -> 3 with ReLU, AdamW (lr 1e-3,
 * weight decay 1e-2), full batch; {@code --l1 LAMBDA} adds the course's L1 penalty on the latent
 * code ({@code lambda * mean |z|}), which with an unconstrained decoder mostly shrinks the code's
 * scale (the reason the least-volume section makes the decoder 1-Lipschitz).
 *
 * <p>Expect (seed 0): explained variance ratios 0.5307, 0.4050, 0.0642; PCA reconstruction MSE
 * 0.1758 with one component and 0.02405 with two; the autoencoder starts at MSE 0.4466 and after
 * 10000 epochs with 2 latent dimensions ends at 5.36e-5 (ae.py: 5.38e-5), far below PCA's two
 * components because the curve is one-dimensional but not flat. About 1.6 s; with {@code --l1 0.01}
 * the latent stds drop from about 0.6 and 0.96 to 0.11 and 0.12 and the MSE rises to 4e-4. Writes
 * {@code pca-explained-variance.png}, {@code pca-reconstruction.png}, {@code ae-latent.png},
 * {@code ae-reconstruction.png} and {@code ae-loss.png}.
 */
@Command(name = "autoencoder", mixinStandardHelpOptions = true,
        description = "Course section: autoencoder vs PCA on the 3-D curve, optional L1 on the latent code.")
public final class AutoencoderLauncher extends CourseLauncher {
    static final int HIDDEN = 5;

    @Option(names = {"--epochs", "--steps"}, defaultValue = "10000",
            description = "Full-batch AdamW steps (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--latent", defaultValue = "2", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--l1", defaultValue = "0", paramLabel = "LAMBDA",
            description = "Weight of the L1 penalty mean |z| on the latent code; 0 for none"
                    + " (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "1e-2", paramLabel = "WD",
            description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected void run(PrintWriter out, Path dir) {
        if (latent < 1) {
            throw new LvaException("--latent must be at least 1, got " + latent);
        }
        INDArray x = CourseData.curve3d().scaled();
        int d = (int) x.columns();
        double[][] data = x.toDoubleMatrix();

        PcaCurve pca = PcaCurve.of(x, d);
        double[] ratios = pca.explainedVarianceRatio();
        out.println("PCA of the 3-D curve (" + x.rows() + " x " + d + ")");
        out.println("explained variance ratio: " + CourseFormat.values("%.4f", ratios));
        for (int k = 1; k < d; k++) {
            out.printf(Locale.ROOT, "PCA reconstruction MSE with %d component%s: %.6g%n", k, k == 1 ? "" : "s",
                    pca.mse()[k]);
        }
        int pcaK = Math.min(2, d - 1);
        save(out, dir, "pca-explained-variance.png", ExplainedVariancePlot.of(
                PlotOptions.titled("PCA explained variance"), ratios));
        save(out, dir, "pca-reconstruction.png", Scatter3D.of(PlotOptions.titled("PCA reconstruction from "
                + pcaK + " components").withSize(600, 600), View3D.standard(), data,
                pca.reconstruction(pcaK).toDoubleMatrix()));

        AutoEncoder model = new AutoEncoder(MLP.layers(d, latent, List.of(HIDDEN), "relu", false),
                MLP.layers(latent, d, List.of(HIDDEN), "relu", false), d, new MseLoss(),
                l1 > 0 ? new LassoRegularizer(l1) : null, DataType.FLOAT, seed);
        out.printf(Locale.ROOT, "autoencoder %d -> %d -> %d -> %d -> %d (ReLU), AdamW lr %s weight decay %s,"
                + " %d epochs%s%n",
                d, HIDDEN, latent, HIDDEN, d, lr, weightDecay, epochs,
                l1 > 0 ? String.format(Locale.ROOT, ", L1 on the latent code with lambda %s", l1) : "");
        out.printf(Locale.ROOT, "initial reconstruction MSE %.6g%n", model.reconstructionLoss(x));
        CourseTraining.Outcome fit = CourseTraining.fit(model, Adam.adamW(lr, weightDecay),
                TrainingData.autoencoding(x), TrainerOptions.fullBatch(epochs), out);

        model.setTraining(false);
        AutoEncoder.Output result = model.forwardBoth(x);
        INDArray z = result.code();
        double aeMse = CourseData.mse(result.reconstruction(), x);
        out.println("latent stds: " + CourseFormat.values("%.4g", z.castTo(DataType.DOUBLE).std(0).toDoubleVector()));
        out.println("mean |z|: " + CourseFormat.values("%.4g",
                z.castTo(DataType.DOUBLE).dup().norm1(0).divi(z.rows()).toDoubleVector()));
        out.printf(Locale.ROOT, "reconstruction MSE: autoencoder with %d latent dimension%s %.6g, PCA with %d"
                + " components %.6g%n", latent, latent == 1 ? "" : "s", aeMse, Math.min(latent, d),
                pca.mse()[Math.min(latent, d)]);
        save(out, dir, "ae-latent.png", latentScatter(z));
        save(out, dir, "ae-reconstruction.png", Scatter3D.of(PlotOptions.titled("Autoencoder reconstruction")
                .withSize(600, 600), View3D.standard(), data, result.reconstruction().toDoubleMatrix()));
        save(out, dir, "ae-loss.png", fit.lossCurve("Autoencoder: training loss"));
    }

    /** The code coloured by the curve's parameter t (the row order): z0 against z1, or against t for one dimension. */
    private static Figure latentScatter(INDArray z) {
        double[] t = CourseData.index((int) z.rows());
        double[] z0 = z.getColumn(0).toDoubleVector();
        if (z.columns() == 1) {
            return ScatterPlot.colored(PlotOptions.titled("Autoencoder latent code").withLabels("row (t order)", "z0"),
                    t, z0, t, "row");
        }
        return ScatterPlot.colored(PlotOptions.titled("Autoencoder latent space").withLabels("z0", "z1")
                .withSameScale(true), z0,
                z.getColumn(1).toDoubleVector(), t, "row");
    }
}
