package dev.lva.examples.course;

import static dev.lva.examples.course.Launch.NUM;
import static dev.lva.examples.course.Launch.assertPng;
import static dev.lva.examples.course.Launch.assertPngs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each course launcher run in-process with few steps: it exits with 0, writes its figures as PNG,
 * and prints the numbers of its section. Where the section has a PyTorch reference script, the
 * numbers that do not depend on long training are compared with the script's (same seed, same data).
 */
class CourseLaunchersTest {
    @TempDir
    Path tmp;

    @Test
    void theLvaCommandListsTheSixLaunchers() {
        Launch help = Launch.of("--help").succeeded();
        for (String name : List.of("regression", "mlp", "activations", "autoencoder", "lva", "digits")) {
            assertTrue(help.out().contains("  " + name + " "), () -> name + " missing from:\n" + help.out());
        }
    }

    @Test
    void regressionConvergesToTheLeastSquaresLineAsLinregPy() {
        Launch run = Launch.of("regression", "--epochs", "100", "--out", tmp.toString()).succeeded();
        assertPngs(tmp, "regression.png", "regression-loss.png");
        // PyTorch's nn.Linear(1, 1) after torch.manual_seed(0)
        double[] initial = run.numbers("^initial\\s+w " + NUM + ", b " + NUM);
        assertEquals(-0.00748682, initial[0], 1e-6);
        assertEquals(0.536444, initial[1], 1e-6);
        double[] learned = run.numbers("^learned\\s+w " + NUM + ", b " + NUM);
        double[] ols = run.numbers("^least squares\\s+w " + NUM + ", b " + NUM);
        assertEquals(-0.179617, ols[0], 1e-5);
        assertEquals(-0.103664, ols[1], 1e-5);
        assertEquals(ols[0], learned[0], 1e-3);
        assertEquals(ols[1], learned[1], 1e-3);
        double[] mse = run.numbers("^train MSE " + NUM + ", test MSE " + NUM);
        assertEquals(0.66922, mse[0], 1e-4);
        assertEquals(0.444222, mse[1], 1e-4);
        assertEquals(CourseTraining.PRINTS, run.lines("epoch ").size(), run.out());
    }

    @Test
    void regressionStoppedEarlyIsStillFarFromTheOptimum() {
        Launch run = Launch.of("regression", "--epochs", "3", "--out", tmp.toString()).succeeded();
        double[] learned = run.numbers("^learned\\s+w " + NUM + ", b " + NUM);
        assertTrue(Math.abs(learned[1] - -0.103664) > 0.1, run.out());
    }

    @Test
    void mlpBuildsOneNetworkThreeWaysAndTrainsLikeMlpPy() {
        Launch run = Launch.of("mlp", "--epochs", "100", "--out", tmp.toString()).succeeded();
        assertPngs(tmp, "mlp.png", "mlp-loss.png");
        assertEquals(3, run.out().lines().filter(l -> l.contains(" 190 parameters ")).count(), run.out());
        assertTrue(run.out().contains("same initial parameters for seed 0: yes"), run.out());
        // mlp.py prints these losses for the same seed and data: 0.583456 at epoch 10, 0.0645586 at 100
        assertEquals(0.583456, run.number("^epoch\\s+10/100\\s+loss " + NUM), 1e-4);
        assertEquals(0.0645586, run.number("^epoch 100/100\\s+loss " + NUM), 1e-4);
        double train = run.number("^train MSE " + NUM);
        assertTrue(train < 0.1, run.out());

        Path decayed = tmp.resolve("decayed");
        Launch withDecay = Launch.of("mlp", "--epochs", "100", "--weight-decay", "0.1", "--out", decayed.toString())
                .succeeded();
        assertNotEquals(train, withDecay.number("^train MSE " + NUM), "--weight-decay changed nothing");
    }

    @Test
    void activationsDrawsTheFifteenFunctionsAndTheirDerivatives() {
        Launch run = Launch.of("activations", "--out", tmp.toString()).succeeded();
        assertPngs(tmp, "activations.png", "activation-derivatives.png");
        for (String name : dev.lva.core.nn.activation.Activations.NAMES) {
            assertEquals(1, run.lines(name + " ").size(), () -> name + " not printed once in:\n" + run.out());
        }
        double[] relu = run.numbers("^relu\\s+" + NUM + "\\s+" + NUM + "\\s+" + NUM + "\\s+" + NUM + "\\s+" + NUM);
        assertEquals(List.of(0.0, 0.0, 0.0, 1.0, 2.0), List.of(relu[0], relu[1], relu[2], relu[3], relu[4]));
        // the line under sigmoid's values holds its derivative: 0.25 at x = 0
        double[] sigmoidDerivative = run.numbers("^sigmoid .*\\R\\s+" + NUM + "\\s+" + NUM + "\\s+" + NUM);
        assertEquals(0.25, sigmoidDerivative[2], 1e-4);
    }

    @Test
    void autoencoderComparesWithPcaAsAePy() {
        Launch run = Launch.of("autoencoder", "--epochs", "300", "--out", tmp.toString()).succeeded();
        assertPngs(tmp, "pca-explained-variance.png", "pca-reconstruction.png", "ae-latent.png",
                "ae-reconstruction.png", "ae-loss.png");
        // ae.py (scikit-learn's PCA on the same data)
        assertTrue(run.out().contains("explained variance ratio: 0.5307 0.4050 0.0642"), run.out());
        assertEquals(0.175782, run.number("with 1 component: " + NUM), 1e-5);
        assertEquals(0.0240542, run.number("with 2 components: " + NUM), 1e-6);
        double initial = run.number("^initial reconstruction MSE " + NUM);
        assertEquals(0.44662, initial, 1e-4);
        double[] compared = run.numbers("autoencoder with 2 latent dimensions " + NUM + ", PCA with 2 components "
                + NUM);
        assertTrue(compared[0] < initial, run.out());
        assertEquals(0.0240542, compared[1], 1e-6);
    }

    @Test
    void autoencoderTakesTheL1LatentPenaltyAndOneLatentDimension() {
        Launch plain = Launch.of("autoencoder", "--epochs", "200", "--latent", "1", "--out", tmp.resolve("plain")
                .toString()).succeeded();
        Launch l1 = Launch.of("autoencoder", "--epochs", "200", "--latent", "1", "--l1", "1", "--out",
                tmp.resolve("l1").toString()).succeeded();
        assertPng(tmp.resolve("l1").resolve("ae-latent.png"));
        assertTrue(l1.out().contains("L1 on the latent code with lambda 1.0"), l1.out());
        // the lasso pulls the code towards 0
        assertTrue(l1.number("^mean \\|z\\|: " + NUM) < plain.number("^mean \\|z\\|: " + NUM),
                plain.out() + "\n" + l1.out());
        assertTrue(l1.out().contains("(last step: data"), "the penalty term is not reported:\n" + l1.out());
    }

    @Test
    void lvaWritesTheLeastVolumeFiguresAndReport() throws IOException {
        Launch run = Launch.of("lva", "--steps", "300", "--out", tmp.toString()).succeeded();
        List<Path> figures;
        try (Stream<Path> files = Files.list(tmp)) {
            figures = files.filter(p -> p.getFileName().toString().matches("fig-\\d\\d-.*\\.png")).sorted().toList();
        }
        // loss, stds bar, latent scatter, covariance, parity, pair plot, 3-D reconstruction, pruning curve
        assertEquals(8, figures.size(), figures::toString);
        assertTrue(figures.get(7).getFileName().toString().startsWith("fig-08-pruning-curve"), figures::toString);
        figures.forEach(Launch::assertPng);
        assertTrue(Files.size(tmp.resolve("report.html")) > 0);
        double[] stds = run.numbers("^latent stds \\(descending\\): " + NUM + " " + NUM + " " + NUM);
        assertTrue(stds[0] >= stds[1] && stds[1] >= stds[2] && stds[2] >= 0, run.out());
        int intrinsic = (int) run.number("^intrinsic dimension: " + NUM + " of 3");
        assertTrue(intrinsic >= 1 && intrinsic <= 3, run.out());
        double[] cumulative = run.numbers("^cumulative \\(top k kept\\): " + NUM + " " + NUM + " " + NUM);
        assertEquals(1.0, cumulative[2], 1e-9);
    }

    @Test
    void everyLaunchersHelpNamesItsOwnDefaultFolder() {
        for (String name : List.of("regression", "mlp", "activations", "autoencoder", "lva", "digits")) {
            String help = Launch.of(name, "--help").succeeded().out().replaceAll("\\s+", " ");
            assertTrue(help.contains("(default: lva-out/" + name + ")"), help);
            assertFalse(help.contains("<command>"), help);
        }
    }

    @Test
    void lvaPassesThePruningSpecToThePlugins() {
        Launch ok = Launch.of("lva", "--steps", "20", "--pruning", "plummet:threshold=0.02", "--out", tmp.toString())
                .succeeded();
        assertTrue(ok.out().contains("pruning plummet:threshold=0.02"), ok.out());
        Launch unknown = Launch.of("lva", "--steps", "20", "--pruning", "no-such-policy", "--out", tmp.toString());
        assertEquals(1, unknown.exitCode(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("no-such-policy"), unknown.err());
    }

    @Test
    void digitsCountsTheDimensionsLvaeAndPcaNeed() throws IOException {
        Launch run = Launch.of("digits", "--epochs", "3", "--batch", "256", "--hidden", "64", "--out", tmp.toString())
                .succeeded();
        assertPngs(tmp, "digits-mse-vs-dimensions.png", "digits-latent-stds.png", "digits-reconstructions.png",
                "digits-loss.png");
        // the pixels' variance / 16^2, whatever the training
        assertEquals(0.0733324, run.number("^data variance per pixel " + NUM), 1e-6);
        double target = run.number("^target reconstruction MSE " + NUM);
        double[] dims = run.numbers("^dimensions needed for MSE <= " + NUM + ": LVAE " + NUM + ", PCA " + NUM);
        assertEquals(target, dims[0], 1e-6 * target);
        assertTrue(dims[1] >= 0 && dims[1] <= 32, run.out());
        assertTrue(dims[2] >= 0 && dims[2] <= 64, run.out());
        // the comparison is in summary.json too, not only printed
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                tmp.resolve("summary.json").toFile());
        assertEquals(dims[1], summary.path("lvae_dimensions_for_target").asDouble(), 0);
        assertEquals(dims[2], summary.path("pca_components_for_target").asDouble(), 0);
        assertEquals(target, summary.path("target_mse").asDouble(), 1e-6 * target);
        // the count with its rule, as lva fit states it, or none and why
        assertTrue(run.out().matches("(?s).*\nintrinsic dimension: (\\d+ of 32 latent dimensions \\(rule: explained"
                + " reconstruction >= 1%\\)|none of 32 latent dimensions: .*)\nsecond count: .*"), run.out());
    }

    @Test
    void countOptionsBelowOneAreOneLineErrors() {
        Launch run = Launch.of("lva", "--steps", "0", "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--steps must be at least 1"), run.err());
    }
}
