package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.io.Npy;
import dev.lva.examples.InProcess.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --layout} on {@code lva fit} and {@code lva encode}: a channels-last .npy is refused with a
 * hint unless the layout is given, trains when it is, and encode reads new images as the training's
 * were; and the help states the layout and the pixel rule.
 */
class ImageLayoutCliTest {
    @TempDir
    static Path dir;
    private static Path nhwc;

    /** 20 RGB images of 8 x 8, channels last ({@code 20 x 8 x 8 x 3} uint8): a square moving across. */
    @BeforeAll
    static void channelsLastImages() throws IOException {
        nhwc = dir.resolve("rgb.npy");
        byte[] px = new byte[20 * 8 * 8 * 3];
        for (int i = 0; i < 20; i++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean on = Math.abs(x - i % 6 - 1) < 2 && Math.abs(y - 4) < 2;
                    for (int c = 0; c < 3; c++) {
                        px[((i * 8 + y) * 8 + x) * 3 + c] = (byte) (on ? 255 - 60 * c : 0);
                    }
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(nhwc)) {
            out.write(Npy.header("|u1", new long[] {20, 8, 8, 3}));
            out.write(px);
        }
    }

    private static String[] fit(String out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("fit", "--data", nhwc.toString(), "--model", "conv-lvae",
                "--channels", "2,2", "--latent", "2", "--epochs", "1", "--batch", "10", "--out",
                dir.resolve(out).toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private record Case(String what, String[] args, int exit, String err) {
    }

    @Test
    void channelsLastImagesNeedTheirLayout() throws IOException {
        List<Case> rows = List.of(
                new Case("no layout", fit("a"), 1, "lva: " + nhwc + ": shape 20 x 8 x 8 x 3 looks channels-last"
                        + " (N x H x W x C, 3 channels); read as N x C x H x W it would be 8 channels of 8 x 3: give"
                        + " --layout nhwc to read it as N x H x W x C, or --layout nchw to read it as stored"),
                new Case("a layout that is none", fit("b", "--layout", "hwc"), 1,
                        "option '--layout' of lva fit expects one of auto, nchw, nhwc, got 'hwc'"),
                new Case("nhwc", fit("c", "--layout", "nhwc"), 0, null));
        for (Case c : rows) {
            Run r = lva(c.args());
            assertEquals(c.exit(), r.exit(), () -> c.what() + ": " + r);
            if (c.err() != null) {
                String first = r.err().lines().findFirst().orElse("");
                assertTrue(first.startsWith("lva: ") && first.contains(c.err()), () -> c.what() + ": " + r.err());
                assertFalse(r.err().contains("\tat "), () -> c.what() + ": " + r.err());
            }
        }
        assertTrue(Files.readString(dir.resolve("c/config.yaml")).contains("layout: \"nhwc\""));
        Path model = dir.resolve("c/model.zip");
        // images are matched by shape: no list of a name per pixel (16.7 million at --pad-to 4096) in the manifest
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(manifest.contains("data.source") && !manifest.contains("data.columns"), manifest);
        }
        // encode reads new images in the training's layout unless told otherwise
        Run asTrained = lva("encode", "--model", model.toString(), "--data", nhwc.toString(), "--out",
                dir.resolve("z.csv").toString());
        assertEquals(0, asTrained.exit(), asTrained::toString);
        assertTrue(asTrained.out().startsWith("wrote 20 codes of 2 dimensions"), asTrained.out());
        Run other = lva("encode", "--model", model.toString(), "--data", nhwc.toString(), "--layout", "nchw", "--out",
                dir.resolve("z2.csv").toString());
        assertEquals(1, other.exit(), other::toString);
        assertTrue(other.err().startsWith("lva: " + nhwc + ": images of 8 x 8 x 3; the model"), other.err());
    }

    @Test
    void theHelpStatesTheLayoutAndThePixelRule() {
        String fit = lva("fit", "--help").out().replaceAll("\\s+", " ");
        assertTrue(fit.contains("--layout=nchw|nhwc"), fit);
        assertTrue(fit.contains("nhwc (N x H x W x C, channels last)"), fit);
        assertTrue(fit.contains("integer pixels of any type are divided by 255 and must lie in 0..255"), fit);
        String encode = lva("encode", "--help").out().replaceAll("\\s+", " ");
        assertTrue(encode.contains("--layout=nchw|nhwc"), encode);
    }
}
