package dev.lva.examples.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lva blobs} and {@code lva fashion}, on small settings: a conv-lvae run and PCA beside it. */
class ImageLaunchersTest {
    private static final String NUM = "([-+0-9.eE]+)";

    @TempDir
    Path tmp;

    @Test
    void theLvaCommandListsTheImageLaunchers() {
        Launch help = Launch.of("--help").succeeded();
        for (String name : List.of("fashion", "blobs")) {
            assertTrue(help.out().contains("  " + name + " "), () -> name + " missing from:\n" + help.out());
        }
    }

    @Test
    void eachImageLauncherShowsItsOwnDefaultsOfTheSharedOptions() {
        String blobs = Launch.of("blobs", "--help").succeeded().out().replaceAll("\\s+", " ");
        String fashion = Launch.of("fashion", "--help").succeeded().out().replaceAll("\\s+", " ");
        assertTrue(blobs.contains("Passes over the images (default: 150)"), blobs);
        assertTrue(fashion.contains("Passes over the images (default: 30)"), fashion);
        assertTrue(blobs.contains("Weight of the volume penalty (default: 0.003)"), blobs);
        assertTrue(fashion.contains("Weight of the volume penalty (default: 0.001)"), fashion);
        for (String help : List.of(blobs, fashion)) {
            assertTrue(help.contains("Images per Adam step (default: 100)"), help);
            assertTrue(help.contains("--pruned-in-penalty"), help);
        }
        // the real folder, not a placeholder
        assertTrue(blobs.contains("(default: lva-out/blobs)"), blobs);
        assertTrue(fashion.contains("(default: lva-out/fashion)"), fashion);
    }

    @Test
    void theLaunchersConvergenceWindowIsTheOneTheRuleMeasures() {
        // 150 epochs (lva blobs' default): a tenth is 15 epochs, which the rule measures as 8 blocks of 2
        ConvTraining t = new ConvTraining();
        t.epochs = 150;
        t.batch = 100;
        t.channels = List.of(4, 8);
        t.latent = 4;
        t.lambda = 0.003;
        t.eta = 0.01;
        t.lr = 1e-3;
        t.pruning = "none";
        int window = Integer.parseInt(t.fitOptions().get("tolWindow"));
        assertEquals(16, window, "the options table and the convergence line say the same window");
        assertEquals(window, dev.lva.core.train.Convergence.Options.measuring(0.01, window).effectiveWindow());
        for (int epochs = 1; epochs <= 400; epochs++) {
            t.epochs = epochs;
            int w = Integer.parseInt(t.fitOptions().get("tolWindow"));
            assertEquals(w, dev.lva.core.train.Convergence.Options.measuring(0.01, w).effectiveWindow(), "epochs "
                    + epochs);
        }
    }

    @Test
    void blobsPrintsWhatTheLvaeKeepsBesidePcaAndWritesARun() throws Exception {
        Launch run = Launch.of("blobs", "--images", "200", "--side", "16", "--epochs", "2", "--channels", "4,8",
                "--latent", "6", "--out", tmp.toString()).succeeded();
        // the stated counts as lva fit prints them (a collapsed code has no intrinsic dimension, "none")
        assertEquals(6, run.number("^LVAE: intrinsic dimension: (?:none|\\d+) of " + NUM + " latent dimensions"), 0);
        // a count with its rule, or none and why (a collapsed code has no second count either)
        assertTrue(run.out().matches("(?s).*\nLVAE: second count: (\\d+ \\(rule: std above 1% of the largest\\)|none \\(.*\\))\n.*"),
                run.out());
        assertTrue(run.out().contains("LVAE: convergence: "), run.out());
        assertTrue(run.out().contains("the true dimension is 3"), run.out());
        double[] pca = run.numbers("^PCA: " + NUM + " components reach the LVAE's MSE " + NUM);
        assertTrue(pca[0] >= 0 && pca[0] <= 256, run.out());
        assertEquals(run.number("^LVAE: reconstruction MSE: " + NUM), pca[1], 1e-3 * pca[1]);
        // the comparison is in the run's summary.json and report too, not only printed
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile()).path("pca");
        assertEquals(pca[0], summary.path("components_for_lvae_mse").asDouble(), 0);
        assertEquals(3, summary.path("true_dimension").asInt());
        String printed = run.out().lines().filter(l -> l.startsWith("PCA: ")).findFirst().orElseThrow().substring(5);
        assertEquals(printed, summary.path("text").asText());
        assertTrue(Files.readString(tmp.resolve("report.html")).contains("<th scope=\"row\">PCA</th><td>" + printed
                .replace("'", "&#39;") + "</td>") || Files.readString(tmp.resolve("report.html")).contains(
                "<th scope=\"row\">PCA</th><td>" + printed + "</td>"), printed);
        for (String f : List.of("model.zip", "latent.csv", "summary.json", "report.html",
                "blobs-200-16x16-seed7.npy")) {
            assertTrue(Files.isRegularFile(tmp.resolve(f)), f + " missing");
        }
        assertTrue(run.out().contains("report: "), run.out());
    }

    @Test
    void fashionTrainsOnTheFirstImagesOfDebiansFashionMnist() {
        assumeTrue(Files.isRegularFile(FashionLauncher.FASHION), "apt-get install dataset-fashion-mnist");
        Launch run = Launch.of("fashion", "--limit", "200", "--epochs", "1", "--channels", "4,8,16", "--latent", "8",
                "--out", tmp.toString()).succeeded();
        assertTrue(run.out().startsWith("Fashion-MNIST: 200 images of 28 x 28 padded to 32 x 32"), run.out());
        assertEquals(8, run.number("^LVAE: intrinsic dimension: (?:none|\\d+) of " + NUM + " latent dimensions"), 0);
        double[] pca = run.numbers("^PCA: " + NUM + " components reach the LVAE's MSE " + NUM);
        assertTrue(pca[0] >= 0 && pca[0] <= 1024, run.out());
        assertTrue(Files.isRegularFile(tmp.resolve("report.html")));
    }

    @Test
    void fashionWithoutItsDataSaysHowToInstallIt() {
        Path missing = tmp.resolve("no-such-images-idx3-ubyte.gz");
        Launch run = Launch.of("fashion", "--data", missing.toString(), "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertEquals("lva: --data " + missing + ": no such file; install it with: apt-get install dataset-fashion-mnist"
                + " (Debian's package puts the images in /usr/share/datasets/fashion-mnist)", run.err().strip());
    }

    @Test
    void fewerImagesThanABatchAreRefusedBeforeAnythingIsWrittenNamingBothOptions() throws Exception {
        Path out = tmp.resolve("three");
        Launch run = Launch.of("blobs", "--images", "3", "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertEquals("lva: --images 3 gives 3 images, fewer than a batch of 100; give --batch N with N at most 3,"
                + " or more images", run.err().strip());
        assertTrue(!Files.exists(out) || Files.list(out).findAny().isEmpty(), "nothing written for a refused run");
        Launch small = Launch.of("blobs", "--images", "3", "--batch", "3", "--epochs", "1", "--side", "8",
                "--channels", "2", "--latent", "2", "--out", out.toString());
        assertEquals(0, small.exitCode(), small.err());
    }

    /**
     * Launches refused before training: each row the arguments (OUT is the output folder, TABLE a CSV
     * file), the message, which names the launcher's own option; nothing is left in the folder (lva
     * blobs wrote its images before the checks, and kept them when refused).
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> refusedLaunches() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("a side the channels cannot halve",
                        "blobs --images 20 --batch 5 --epochs 1 --side 5 --out OUT",
                        "lva: --side 5: --channels 16,32,64 halve the images 3 times, so their side must be a multiple"
                                + " of 8 (--side 8), or give fewer channel counts"),
                org.junit.jupiter.params.provider.Arguments.of("a side of 12 for three halvings",
                        "blobs --images 20 --batch 5 --epochs 1 --side 12 --channels 4,8,16 --out OUT",
                        "lva: --side 12: --channels 4,8,16 halve the images 3 times, so their side must be a multiple"
                                + " of 8 (--side 8 or 16), or give fewer channel counts"),
                org.junit.jupiter.params.provider.Arguments.of("fewer images than the default batch",
                        "blobs --images 3 --out OUT", "lva: --images 3 gives 3 images, fewer than a batch of 100;"
                                + " give --batch N with N at most 3, or more images"),
                org.junit.jupiter.params.provider.Arguments.of("one image", "blobs --images 1 --batch 1 --side 8"
                        + " --channels 2 --out OUT", "lva: --images 1 gives 1 image; the volume penalty needs at least 2"
                        + " a batch"),
                org.junit.jupiter.params.provider.Arguments.of("a batch of one image", "blobs --images 20 --batch 1"
                        + " --side 8 --channels 2 --out OUT", "lva: --batch 1: the volume penalty needs at least 2 images"
                        + " a batch"),
                org.junit.jupiter.params.provider.Arguments.of("a table as Fashion-MNIST's images",
                        "fashion --data TABLE --limit 10 --batch 5 --epochs 1 --out OUT",
                        "lva: --data TABLE is a table; lva fashion trains on images"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("refusedLaunches")
    void aRefusedLaunchNamesItsOwnOptionAndLeavesNothing(String what, String line, String message) throws Exception {
        Path out = tmp.resolve("refused");
        Path table = Files.writeString(tmp.resolve("t.csv"), "a,b,c\n1,2,3\n4,5,6\n2,2,2\n");
        String[] args = line.replace("OUT", out.toString()).replace("TABLE", table.toString()).split(" ");
        Launch run = Launch.of(args);
        assertEquals(1, run.exitCode(), () -> what + ": " + run.err());
        String expected = message.replace("TABLE", table.toString());
        assertTrue(run.err().strip().startsWith(expected), () -> what + ": expected '" + expected + "' in " + run.err());
        assertTrue(!Files.exists(out), () -> what + ": the folder it made for a refused run is gone");
    }
}
