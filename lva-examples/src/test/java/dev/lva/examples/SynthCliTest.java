package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.io.Npy;
import dev.lva.core.synth.TrueParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code lva synth}: images of a known dimension and their true parameters, and its refusals. */
class SynthCliTest {
    @TempDir
    Path dir;

    private InProcess.Run synth(String... args) {
        List<String> all = new ArrayList<>(List.of("synth"));
        all.addAll(Arrays.asList(args));
        return InProcess.lva(all.toArray(String[]::new));
    }

    @Test
    void writesTheImagesAndTheirParametersAndNamesTheTrueDimension() throws Exception {
        Path out = dir.resolve("s");
        InProcess.Run r = synth("--n", "30", "--size", "12", "--vary", "rotation=-30:30,translate_x", "--seed", "4",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("true dimension: 2 (varied: rotation, translate_x"), r.out());
        INDArray images = Npy.read(out.resolve("images.npy"));
        assertArrayEquals(new long[] {30, 1, 12, 12}, images.shape());
        TrueParameters truth = TrueParameters.read(out.resolve("parameters.csv")).varying();
        assertEquals(List.of("rotation", "translate_x"), truth.names());
        assertEquals(30, truth.values().length);
        for (double[] row : truth.values()) {
            assertTrue(row[0] >= -30 && row[0] <= 30 && Math.abs(row[1]) <= 0.15, Arrays.toString(row));
        }
    }

    @Test
    void aFixedSeedWritesIdenticalFilesAndAnotherSeedOthers() throws Exception {
        String[] a = {"--n", "10", "--size", "8", "--seed", "7", "--out", dir.resolve("a").toString()};
        String[] b = {"--n", "10", "--size", "8", "--seed", "7", "--out", dir.resolve("b").toString()};
        String[] c = {"--n", "10", "--size", "8", "--seed", "8", "--out", dir.resolve("c").toString()};
        for (String[] args : List.of(a, b, c)) {
            assertEquals(0, synth(args).exit());
        }
        for (String f : List.of("images.npy", "parameters.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b")
                    .resolve(f)), f);
            assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(f)),
                    Files.readAllBytes(dir.resolve("c").resolve(f))), f);
        }
    }

    @Test
    void anExistingFolderIsReplacedOnlyWithOverwrite() throws Exception {
        String out = dir.resolve("s").toString();
        assertEquals(0, synth("--n", "5", "--size", "8", "--out", out).exit());
        byte[] before = Files.readAllBytes(Path.of(out, "images.npy"));
        InProcess.Run again = synth("--n", "5", "--size", "8", "--seed", "1", "--out", out);
        assertNotEquals(0, again.exit());
        assertTrue(again.err().contains("--overwrite"), again.err());
        assertArrayEquals(before, Files.readAllBytes(Path.of(out, "images.npy")), "the refused run wrote nothing");
        assertEquals(0, synth("--n", "5", "--size", "8", "--seed", "1", "--out", out, "--overwrite").exit());
        assertFalse(Arrays.equals(before, Files.readAllBytes(Path.of(out, "images.npy"))));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(List.of("--n", "0"), "--n 0"),
                Arguments.of(List.of("--size", "2"), "--size 2"),
                Arguments.of(List.of("--channels", "2"), "--channels 2"),
                Arguments.of(List.of("--source", "hexagon"), "--source hexagon: neither a built-in shape"),
                Arguments.of(List.of("--vary", "spin"), "no parameter 'spin'"),
                Arguments.of(List.of("--vary", "rotation=30"), "a range is LO:HI"),
                Arguments.of(List.of("--vary", "rotation=a:b"), "must be numbers"),
                Arguments.of(List.of("--vary", "rotation=30:-30"), "finite LO < HI"),
                Arguments.of(List.of("--vary", "scale=0:1"), "scale range must be above 0"),
                Arguments.of(List.of("--vary", "rotation,rotation"), "rotation twice"),
                Arguments.of(List.of("--vary", "hue"), "--vary hue: it changes colour, which needs --channels 3"),
                // 65537 x 256 x 256 wraps an int round to 65536: refused, not an index error
                Arguments.of(List.of("--n", "65537", "--size", "256"), "more than one array holds"),
                Arguments.of(List.of("--n", "2000000", "--size", "32"), "free Java heap"),
                // sized before the source is drawn at the side: its 3 x 100,000^2 values overflowed an int
                // (NegativeArraySizeException), and a 4096 side drew 400 MB of source before the refusal
                Arguments.of(List.of("--n", "1", "--size", "100000", "--channels", "3"), "more than one array holds"),
                Arguments.of(List.of("--n", "100000", "--size", "4096", "--channels", "3"),
                        "more than one array holds"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInputs")
    void aBadValueIsRefusedNamingItAndWritesNothing(List<String> args, String named) {
        List<String> all = new ArrayList<>(args);
        for (String[] base : new String[][] {{"--n", "5"}, {"--size", "8"}, {"--out", dir.resolve("bad").toString()}}) {
            if (!args.contains(base[0])) {
                all.addAll(List.of(base));
            }
        }
        InProcess.Run r = synth(all.toArray(String[]::new));
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains(named), r.err());
        assertFalse(Files.exists(dir.resolve("bad")), "nothing was written");
    }

    /** An --out that cannot take the files is refused naming it, before anything is drawn or written. */
    static Stream<Arguments> badOutFolders() {
        return Stream.of(
                Arguments.of("file", "is a file, not a folder"),
                Arguments.of("file/sub", "cannot create the folder"),
                Arguments.of("dirs", "holds a folder named images.npy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOutFolders")
    void anOutThatCannotTakeTheFilesIsRefusedNamingIt(String out, String named) throws Exception {
        Files.writeString(dir.resolve("file"), "keep me");
        Files.createDirectories(dir.resolve("dirs").resolve("images.npy"));
        Files.writeString(dir.resolve("dirs").resolve("parameters.csv"), "old");
        InProcess.Run r = synth("--n", "5", "--size", "8", "--overwrite", "--out", dir.resolve(out).toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains(named) && !r.err().contains("unexpected error"), r.err());
        assertEquals("keep me", Files.readString(dir.resolve("file")));
        assertEquals("old", Files.readString(dir.resolve("dirs").resolve("parameters.csv")), "nothing was replaced");
    }

    @Test
    void aColourParameterOfAGreySourceIsRefusedAndItsDefaultsLeaveColourOut() throws Exception {
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(10, 10,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 4, 0, 200);
        Path png = dir.resolve("grey.png");
        javax.imageio.ImageIO.write(grey, "png", png.toFile());
        InProcess.Run hue = synth("--n", "5", "--size", "8", "--source", png.toString(), "--channels", "3", "--vary",
                "hue", "--out", dir.resolve("h").toString());
        assertNotEquals(0, hue.exit());
        assertTrue(hue.err().contains("is grey") && hue.err().contains("hue would change no pixel"), hue.err());
        InProcess.Run defaults = synth("--n", "5", "--size", "8", "--source", png.toString(), "--channels", "3",
                "--out", dir.resolve("d").toString());
        assertEquals(0, defaults.exit(), defaults.err());
        assertTrue(defaults.out().contains("true dimension: 5 ") && defaults.out().contains("hue = 0.0"),
                defaults.out());
    }

    @Test
    void aBuiltInShapeIsNamedInAnyCase() {
        InProcess.Run r = synth("--n", "3", "--size", "8", "--source", "Disc", "--out", dir.resolve("d").toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aFitOnSynthesizedImagesWithTruthReportsTheRecoveryOfEachVariedParameter() throws Exception {
        Path data = dir.resolve("s");
        assertEquals(0, synth("--n", "60", "--size", "8", "--vary", "translate_x,translate_y", "--out",
                data.toString()).exit());
        Path run = dir.resolve("fit");
        InProcess.Run fit = InProcess.lva("fit", "--data", data.resolve("images.npy").toString(), "--truth",
                data.resolve("parameters.csv").toString(), "--hidden", "16", "--latent", "4", "--lambda", "0.0003",
                "--epochs", "20", "--out", run.toString());
        assertEquals(0, fit.exit(), fit.err());
        String summary = Files.readString(run.resolve("summary.json"));
        assertTrue(summary.contains("\"truth_r2\"") && summary.contains("\"translate_y\""),
                "the recovery of each varied parameter: " + summary);
        assertTrue(summary.contains("\"importance_correlation\""), summary);

        Path labels = Files.writeString(dir.resolve("labels.csv"), "0\n1\n");
        InProcess.Run bad = InProcess.lva("fit", "--data", data.resolve("images.npy").toString(), "--labels",
                labels.toString(), "--epochs", "2", "--out", dir.resolve("bad").toString());
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("2 labels, but") && bad.err().contains("60 rows"), bad.err());
    }
}
