package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.io.Npy;
import dev.lva.examples.InProcess.Run;
import dev.lva.run.RunModels;
import dev.lva.models.checkpoint.Checkpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What encode and decode write: only the files their options name, in the format the extension
 * says, never over an existing file unasked; images of the trained shape only, unless --pad-to says
 * how to frame them; the rows asked for (--limit), not the whole file.
 */
class OutputFilesCliTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    static Path dir;
    /** An lvae on a table of three columns a, b, c. */
    private static Path tableModel;
    /** A conv-lvae on 40 blobs of 16 x 16, trained on the first 30 (--limit 30). */
    private static Path imageModel;
    private static Path table;
    private static Path blobs;
    private static Path smallBlobs;

    @BeforeAll
    static void trainSmallModels() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
        }
        table = Files.writeString(dir.resolve("table.csv"), sb.toString(), StandardCharsets.UTF_8);
        Run t = lva("fit", "--data", table.toString(), "--epochs", "20", "--hidden", "8", "--out",
                dir.resolve("table-run").toString());
        assertEquals(0, t.exit(), t::toString);
        tableModel = dir.resolve("table-run/model.zip");
        blobs = dir.resolve("blobs.npy");
        Npy.write(blobs, GaussianBlobs.generate(40, 16, 3));
        smallBlobs = dir.resolve("blobs12.npy");
        Npy.write(smallBlobs, GaussianBlobs.generate(40, 12, 4));
        Run i = lva("fit", "--data", blobs.toString(), "--model", "conv-lvae", "--channels", "4,8", "--latent", "4",
                "--epochs", "1", "--batch", "10", "--limit", "30", "--out", dir.resolve("image-run").toString());
        assertEquals(0, i.exit(), i::toString);
        imageModel = dir.resolve("image-run/model.zip");
    }

    private static Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path codes(String name) {
        Run r = lva("encode", "--model", imageModel.toString(), "--data", blobs.toString(), "--out",
                dir.resolve(name).toString());
        assertEquals(0, r.exit(), r::toString);
        return dir.resolve(name);
    }

    @Test
    void decodingImagesToNpyWritesNoPngBesideIt() throws IOException {
        Path codes = codes("codes-for-npy.csv");
        Path mine = file("decoded.png", "the user's own picture");
        Run r = lva("decode", "--model", imageModel.toString(), "--data", codes.toString(), "--out",
                dir.resolve("decoded.npy").toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals("the user's own picture", Files.readString(mine), "decode wrote over a file it was not given");
        assertArrayEquals(new long[] {40, 1, 16, 16}, Npy.read(dir.resolve("decoded.npy")).shape());
    }

    @Test
    void decodingImagesToPngDrawsAGridAndGridAddsOne() throws IOException {
        Path codes = codes("codes-for-png.csv");
        Run png = lva("decode", "--model", imageModel.toString(), "--data", codes.toString(), "--out",
                dir.resolve("grid-only.png").toString());
        assertEquals(0, png.exit(), png::toString);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(dir.resolve("grid-only.png")), 4),
                "--out X.png holds a PNG image, not CSV text");
        Run both = lva("decode", "--model", imageModel.toString(), "--data", codes.toString(), "--out",
                dir.resolve("both.csv").toString(), "--grid", dir.resolve("both-grid.png").toString());
        assertEquals(0, both.exit(), both::toString);
        assertEquals(41, Files.readAllLines(dir.resolve("both.csv")).size(), "a header and 40 rows of pixels");
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(dir.resolve("both-grid.png")), 4));
        assertEquals("wrote 40 rows of 256 columns to " + dir.resolve("both.csv") + " (images of N x 1 x 16 x 16)\n"
                + "drew 40 decoded images (1 x 16 x 16) in " + dir.resolve("both-grid.png") + "\n", both.out());
    }

    /** A command line that is refused, the message it gives, and the file that must be as it was (or absent). */
    static Stream<Arguments> refusals() throws IOException {
        String enc = "encode --model " + tableModel + " --data " + table + " --out ";
        String decTable = "decode --model " + tableModel + " --data " + codesOfTable() + " --out ";
        String decImages = "decode --model " + imageModel + " --data " + file("image-codes.csv", "z0,z1,z2,z3\n"
                + "0.1,0.2,0.3,0.4\n0.2,0.1,0.0,0.3\n") + " --out ";
        Path taken = file("taken.csv", "mine\n");
        Path takenNpy = file("taken.npy", "mine too\n");
        return Stream.of(
                Arguments.of("encode over an existing file", enc + taken, "--out " + taken + " exists; add --overwrite"
                        + " to replace it", taken),
                Arguments.of("decode over an existing file", decTable + takenNpy, "--out " + takenNpy + " exists;"
                        + " add --overwrite to replace it", takenNpy),
                Arguments.of("encode to an unknown extension", enc + dir.resolve("codes.txt"), "--out "
                        + dir.resolve("codes.txt") + ": unknown extension '.txt'; encode writes codes as .csv or .npy",
                        dir.resolve("codes.txt")),
                Arguments.of("encode to a picture", enc + dir.resolve("codes.png"), "--out " + dir.resolve("codes.png")
                        + ": not a .png file here; encode writes codes as .csv or .npy", dir.resolve("codes.png")),
                Arguments.of("decode rows of a table to a picture", decTable + dir.resolve("rows.png"), "--out "
                        + dir.resolve("rows.png") + ": not a .png file here; decode writes the rows of this model"
                        + " (a table) as .csv or .npy", dir.resolve("rows.png")),
                Arguments.of("a grid of a table", decTable + dir.resolve("rows.csv") + " --grid "
                        + dir.resolve("rows-grid.png"), "--grid " + dir.resolve("rows-grid.png") + ": the model (from "
                        + tableModel + ") decodes rows of a table, not images; leave --grid out", dir.resolve("rows.csv")),
                Arguments.of("decode images to an unknown extension", decImages + dir.resolve("images.jpg"), "--out "
                        + dir.resolve("images.jpg") + ": unknown extension '.jpg'; decode writes images as .csv, .npy"
                        + " or .png", dir.resolve("images.jpg")),
                Arguments.of("a grid that is not a PNG", decImages + dir.resolve("images.npy") + " --grid "
                        + dir.resolve("grid.csv"), "--grid " + dir.resolve("grid.csv") + ": not a .csv file here;"
                        + " --grid draws a .png", dir.resolve("images.npy")),
                Arguments.of("a grid that is --out", decImages + dir.resolve("same.png") + " --grid "
                        + dir.resolve("same.png"), "--grid " + dir.resolve("same.png") + " is the --out file",
                        dir.resolve("same.png")),
                Arguments.of("a grid over an existing file", decImages + dir.resolve("new.npy") + " --grid "
                        + file("old.png", "mine"), "--grid " + dir.resolve("old.png") + " exists; add --overwrite",
                        dir.resolve("new.npy")),
                Arguments.of("a negative limit", enc + dir.resolve("limited.csv") + " --limit -1",
                        "--limit -1: must be >= 0 (0 = all rows)", dir.resolve("limited.csv")));
    }

    private static Path codesOfTable() {
        Path out = dir.resolve("table-codes.csv");
        if (!Files.exists(out)) {
            Run r = lva("encode", "--model", tableModel.toString(), "--data", table.toString(), "--out",
                    out.toString());
            assertEquals(0, r.exit(), r::toString);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aFileNotAskedForIsNeitherWrittenNorReplaced(String what, String commandLine, String message, Path untouched)
            throws IOException {
        byte[] before = Files.exists(untouched) ? Files.readAllBytes(untouched) : null;
        Run r = lva(commandLine.trim().split("\\s+"));
        assertEquals(1, r.exit(), () -> what + ": " + r);
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("lva: ") && first.contains(message), () -> what + ": expected '" + message
                + "' in " + r.err());
        if (before == null) {
            assertFalse(Files.exists(untouched), what + ": " + untouched + " was written");
        } else {
            assertArrayEquals(before, Files.readAllBytes(untouched), what + ": " + untouched + " changed");
        }
    }

    @Test
    void overwriteReplacesAnExistingFile() throws IOException {
        Path out = file("replace-me.csv", "old\n");
        Run r = lva("encode", "--model", tableModel.toString(), "--data", table.toString(), "--out", out.toString(),
                "--overwrite");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Files.readString(out).startsWith("z0,z1,z2\n"), Files.readString(out));
    }

    @Test
    void imagesOfAnotherSizeAreRefusedUnlessPadToSaysHowToFrameThem() {
        Path out = dir.resolve("small-codes.npy");
        Run refused = lva("encode", "--model", imageModel.toString(), "--data", smallBlobs.toString(), "--out",
                out.toString());
        assertEquals(1, refused.exit(), refused::toString);
        assertEquals("lva: " + smallBlobs + ": images of 1 x 12 x 12; the model (from " + imageModel + ") takes"
                + " 1 x 16 x 16: give --pad-to 16 to pad (with zeros) or centre-crop them to 16 x 16",
                refused.err().strip());
        assertFalse(Files.exists(out));
        Run padded = lva("encode", "--model", imageModel.toString(), "--data", smallBlobs.toString(), "--out",
                out.toString(), "--pad-to", "16");
        assertEquals(0, padded.exit(), padded::toString);
        assertArrayEquals(new long[] {40, 4}, Npy.read(out).shape());
        Run wrong = lva("encode", "--model", imageModel.toString(), "--data", smallBlobs.toString(), "--out",
                dir.resolve("wrong.npy").toString(), "--pad-to", "8");
        assertEquals(1, wrong.exit(), wrong::toString);
        assertTrue(wrong.err().contains("images of 1 x 12 x 12, 1 x 8 x 8 after --pad-to 8; the model (from "
                + imageModel + ") takes 1 x 16 x 16"), wrong.err());
    }

    @Test
    void limitWritesTheRowsAskedForAndEncodingMoreThanTrainedOnIsNoted() throws IOException {
        Run all = lva("encode", "--model", imageModel.toString(), "--data", blobs.toString(), "--out",
                dir.resolve("all.npy").toString());
        assertEquals(0, all.exit(), all::toString);
        assertEquals(40, Npy.read(dir.resolve("all.npy")).rows());
        assertTrue(all.err().contains("lva: note: encoded all 40 rows of " + blobs + "; the model trained on the first"
                + " 30 (--limit N encodes the first N)"), all.err());
        Run some = lva("encode", "--model", imageModel.toString(), "--data", blobs.toString(), "--out",
                dir.resolve("some.npy").toString(), "--limit", "7");
        assertEquals(0, some.exit(), some::toString);
        assertEquals(7, Npy.read(dir.resolve("some.npy")).rows());
        assertFalse(some.err().contains("note"), some.err());
        Run decoded = lva("decode", "--model", imageModel.toString(), "--data", dir.resolve("all.npy").toString(),
                "--out", dir.resolve("five.npy").toString(), "--limit", "5");
        assertEquals(0, decoded.exit(), decoded::toString);
        assertArrayEquals(new long[] {5, 1, 16, 16}, Npy.read(dir.resolve("five.npy")).shape());
        Run rows = lva("encode", "--model", tableModel.toString(), "--data", table.toString(), "--out",
                dir.resolve("three.csv").toString(), "--limit", "3");
        assertEquals(0, rows.exit(), rows::toString);
        assertEquals(4, Files.readAllLines(dir.resolve("three.csv")).size());
    }

    /**
     * Pruned dimensions are constant in every code: decode must not warn about them. The readers' warning
     * goes through logback to System.err, so this test watches System.err; encode on a constant column
     * shows that it would see the warning.
     */
    @Test
    void decodeDoesNotWarnAboutTheConstantColumnsOfPrunedCodes() throws IOException {
        Path pruned = file("pruned-codes.csv", "z0,z1,z2\n0.5,0,1\n-0.5,0,2\n0.1,0,3\n");
        Path constant = file("constant-c.csv", "a,b,c\n0.1,0.2,7\n0.3,0.1,7\n0.5,0.6,7\n");
        String decodeErr = systemErrOf(() -> assertEquals(0, lva("decode", "--model", tableModel.toString(), "--data",
                pruned.toString(), "--out", dir.resolve("from-pruned.csv").toString()).exit()));
        String encodeErr = systemErrOf(() -> assertEquals(0, lva("encode", "--model", tableModel.toString(), "--data",
                constant.toString(), "--out", dir.resolve("of-constant.csv").toString()).exit()));
        assertTrue(encodeErr.contains("constant"), "the warning is seen where it belongs: " + encodeErr);
        assertFalse(decodeErr.contains("constant"), decodeErr);
    }

    private static String systemErrOf(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunThatPadsRecordsTheStoredShapeSoDecodeCanCutThePaddingOff() throws IOException {
        Run fit = lva("fit", "--data", smallBlobs.toString(), "--model", "conv-lvae", "--channels", "4,8", "--latent",
                "3", "--epochs", "1", "--batch", "20", "--pad-to", "16", "--out", dir.resolve("padded-run").toString());
        assertEquals(0, fit.exit(), fit::toString);
        Path model = dir.resolve("padded-run/model.zip");
        var extras = Checkpoints.load(model, Plugins.discover()).extras();
        assertEquals(List.of(1, 12, 12), dims(RunModels.storedImageShape(extras)));
        assertEquals(List.of(1, 16, 16), dims(RunModels.imageShape(extras)));
        Path grid = dir.resolve("padded-grid.png");
        Run dec = lva("decode", "--model", model.toString(), "--data", dir.resolve("padded-run/latent.csv").toString(),
                "--out", grid.toString());
        assertEquals(0, dec.exit(), dec::toString);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(grid), 4));
        assertEquals("drew 40 decoded images (1 x 12 x 12, the padding of --pad-to cut off) in " + grid,
                dec.out().strip());
    }

    private static List<Integer> dims(dev.lva.core.nn.Shape s) {
        List<Integer> out = new ArrayList<>();
        for (int d : s.dims()) {
            out.add(d);
        }
        return out;
    }
}
