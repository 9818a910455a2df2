package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.io.Npy;
import dev.lva.models.ConvLeastVolumeAutoencoder;
import dev.lva.models.checkpoint.Checkpoints;
import dev.lva.models.checkpoint.RunState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code lva fit --model conv-lvae} on images, as a user runs the built jar: .npy and IDX files,
 * padding, the outputs and the report's image figures (decoded by headless Chromium), encode and
 * decode of images, a bit-identical resume, and the errors of a wrong pairing.
 */
class ImageCommandIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path work;

    private static Path blobs;
    private static LvaProcess.Result fit;

    /** 240 blobs of 16 x 16, a conv-lvae 4, 8 -> 6 trained for 4 epochs: the run every test below reads. */
    @BeforeAll
    static void fitOnImages() throws Exception {
        blobs = work.resolve("blobs.npy");
        Npy.write(blobs, GaussianBlobs.generate(240, 16, 3));
        fit = LvaProcess.run(work, List.of(), "fit", "--data", blobs.toString(), "--model", "conv-lvae", "--channels",
                "4,8", "--latent", "6", "--epochs", "4", "--batch", "40", "--out", "img");
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void fitWritesTheUsualOutputsAndTheImageFigures() throws Exception {
        assertEquals(0, fit.exit(), fit::toString);
        assertTrue(fit.out().contains("latent stds (descending): "), fit::toString);
        Path out = work.resolve("img");
        for (String f : List.of("model.zip", "latent.csv", "config.yaml", "summary.json", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing: " + fit);
        }
        JsonNode summary = json(out.resolve("summary.json"));
        assertEquals(240, summary.get("rows").asInt());
        assertEquals(256, summary.get("columns").asInt(), "an image is a row of 16 x 16 pixels");
        assertEquals(241, Files.readAllLines(out.resolve("latent.csv")).size());
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("conv-lvae"));
        String html = Files.readString(out.resolve("report.html"));
        List<String> figures = images(html);
        assertTrue(figures.stream().anyMatch(f -> f.contains("reconstructions")), figures.toString());
        assertTrue(figures.stream().anyMatch(f -> f.contains("latent-traversal")), figures.toString());
        assertTrue(figures.stream().anyMatch(f -> f.contains("latent-standard-deviations")), figures.toString());
        assertTrue(html.contains("240 of 16 x 16 pixels, 1 channel"), "the report says what the images are");
        for (String f : figures) {
            BufferedImage img = ImageIO.read(out.resolve(f).toFile());
            assertTrue(img != null && img.getWidth() > 100, f + " is not a readable figure");
        }
        RunState state = Checkpoints.load(out.resolve("model.zip"), Plugins.discover());
        assertTrue(state.model() instanceof ConvLeastVolumeAutoencoder, state.model().getClass().toString());
    }

    @Test
    void theReportLoadsInChromiumWithEveryImageDecoded() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed: apt-get install chromium");
        assertEquals(0, fit.exit(), fit::toString);
        Path report = work.resolve("img/report.html");
        String html = Files.readString(report);
        String script = "<script>window.addEventListener('load', function () { var l = [];"
                + " for (var i = 0; i < document.images.length; i++) { var m = document.images[i];"
                + " l.push((m.complete && m.naturalWidth > 0 ? 'ok:' : 'broken:') + m.getAttribute('src')); }"
                + " var p = document.createElement('pre'); p.id = 'lva-check'; p.textContent = l.join('\\n');"
                + " document.body.appendChild(p); });</script>";
        Path copy = report.resolveSibling("check.html");
        Files.writeString(copy, html.replace("</head>", script + "</head>")
                .replace("</body>", "<img src=\"missing-probe.png\" alt=\"probe\">\n</body>"));
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("chromium-profile"),
                "--virtual-time-budget=10000", "--dump-dom", copy.toUri().toString());
        Path dom = work.resolve("dom.html");
        Process p = new ProcessBuilder(cmd).redirectOutput(dom.toFile()).redirectError(work.resolve("chromium.err")
                .toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), Files.readString(work.resolve("chromium.err")));
        String out = Files.readString(dom);
        int start = out.indexOf("<pre id=\"lva-check\">");
        assertTrue(start >= 0, "the check script did not run: " + out);
        List<String> lines = List.of(out.substring(start + 20, out.indexOf("</pre>", start)).split("\n"));
        List<String> figures = images(html);
        assertTrue(figures.size() >= 5, figures.toString());
        for (String f : figures) {
            assertTrue(lines.contains("ok:" + f), f + " did not decode in Chromium: " + lines);
        }
        assertTrue(lines.contains("broken:missing-probe.png"), "the check tells a broken image: " + lines);
    }

    @Test
    void encodeAndDecodeImagesThroughTheCommandLine() throws Exception {
        assertEquals(0, fit.exit(), fit::toString);
        LvaProcess.Result enc = LvaProcess.run(work, List.of(), "encode", "--model", "img/model.zip", "--data",
                blobs.toString(), "--out", "codes.csv");
        assertEquals(0, enc.exit(), enc::toString);
        List<String> codes = Files.readAllLines(work.resolve("codes.csv"));
        List<String> latent = Files.readAllLines(work.resolve("img/latent.csv"));
        assertEquals(latent, codes, "encode gives the codes the run wrote");
        LvaProcess.Result dec = LvaProcess.run(work, List.of(), "decode", "--model", "img/model.zip", "--data",
                "codes.csv", "--out", "decoded.npy", "--grid", "decoded.png");
        assertEquals(0, dec.exit(), dec::toString);
        assertTrue(dec.out().contains("images of N x 1 x 16 x 16"), dec::toString);
        INDArray images = Npy.read(work.resolve("decoded.npy"));
        assertArrayEquals(new long[] {240, 1, 16, 16}, images.shape());
        BufferedImage grid = ImageIO.read(work.resolve("decoded.png").toFile());
        assertTrue(grid != null && grid.getWidth() > 100, "the PNG grid --grid asked for");
        // the round trip: the decoded codes are the model's reconstructions, which a good model brings near the images
        RunState state = Checkpoints.load(work.resolve("img/model.zip"), Plugins.discover());
        state.model().setTraining(false);
        INDArray rows = Npy.read(blobs).reshape('c', 240, 256).castTo(DataType.FLOAT);
        INDArray rec = state.model().forward(rows);
        assertEquals(0, rec.sub(images.reshape('c', 240, 256)).amaxNumber().doubleValue(), 1e-5,
                "decode(encode(x)) is the model's reconstruction");
    }

    @Test
    void aResumedConvRunEndsWhereAStraightRunEnds() throws Exception {
        String[] common = {"fit", "--data", blobs.toString(), "--model", "conv-lvae", "--channels", "4,8", "--latent",
                "5", "--batch", "40", "--seed", "2", "--pruning", "plummet:threshold=0.5", "--prune-from", "1"};
        LvaProcess.Result straight = LvaProcess.run(work, List.of(), concat(common, "--epochs", "4", "--out",
                "straight"));
        assertEquals(0, straight.exit(), straight::toString);
        LvaProcess.Result first = LvaProcess.run(work, List.of(), concat(common, "--epochs", "2", "--out", "first"));
        assertEquals(0, first.exit(), first::toString);
        LvaProcess.Result resumed = LvaProcess.run(work, List.of(), "resume", "--checkpoint", "first/model.zip",
                "--epochs", "4", "--out", "resumed");
        assertEquals(0, resumed.exit(), resumed::toString);
        RunState a = Checkpoints.load(work.resolve("straight/model.zip"), Plugins.discover());
        RunState b = Checkpoints.load(work.resolve("resumed/model.zip"), Plugins.discover());
        assertEquals(a.progress(), b.progress());
        assertArrayEquals(a.model().parameters().toFloatVector(), b.model().parameters().toFloatVector(),
                "bit-identical parameters");
        assertEquals(straight.out(), resumed.out().replace("resumed/", "straight/"), "the same summary");
    }

    /** An IDX file of 28 x 28 images, as Fashion-MNIST ships, padded to 32 x 32 for four halvings. */
    @Test
    void idxImagesArePaddedAndEncodedAsTheyWereTrained() throws Exception {
        INDArray x = GaussianBlobs.generate(60, 28, 9);
        byte[] pixels = new byte[60 * 28 * 28];
        float[] v = x.data().asFloat();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round(255 * v[i]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(0x0803);
            out.writeInt(60);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        Path idx = work.resolve("train-images-idx3-ubyte.gz");
        Files.write(idx, bytes.toByteArray());
        LvaProcess.Result unpadded = LvaProcess.run(work, List.of(), "fit", "--data", idx.toString(), "--model",
                "conv-lvae", "--channels", "4,4,4,4", "--epochs", "1", "--out", "unpadded");
        assertEquals(1, unpadded.exit(), unpadded::toString);
        assertEquals("lva: invalid model options: an image of 28 x 28 cannot be halved 4 times by channels [4, 4, 4, 4]:"
                + " 28 is not divisible by 16; pad or crop the images to a multiple of 16 or give fewer channel counts"
                + " (--pad-to, --channels)", unpadded.err().strip());
        LvaProcess.Result r = LvaProcess.run(work, List.of(), "fit", "--data", idx.toString(), "--model", "conv-lvae",
                "--channels", "4,4,4,4", "--latent", "4", "--pad-to", "32", "--limit", "50", "--epochs", "1",
                "--batch", "25", "--out", "padded");
        assertEquals(0, r.exit(), r::toString);
        JsonNode summary = json(work.resolve("padded/summary.json"));
        assertEquals(50, summary.get("rows").asInt(), "--limit 50");
        assertEquals(1024, summary.get("columns").asInt(), "28 x 28 padded to 32 x 32");
        // images are never framed unasked: the model takes 32 x 32, the file holds 28 x 28
        LvaProcess.Result unasked = LvaProcess.run(work, List.of(), "encode", "--model", "padded/model.zip", "--data",
                idx.toString(), "--out", "idx-codes.npy");
        assertEquals(1, unasked.exit(), unasked::toString);
        assertTrue(unasked.err().contains("images of 1 x 28 x 28; the model (from padded/model.zip) takes 1 x 32 x 32"
                + " (it was trained with --pad-to 32): give --pad-to 32 to pad or crop these as in training"),
                unasked.err());
        LvaProcess.Result enc = LvaProcess.run(work, List.of(), "encode", "--model", "padded/model.zip", "--data",
                idx.toString(), "--out", "idx-codes.npy", "--pad-to", "32");
        assertEquals(0, enc.exit(), enc::toString);
        assertArrayEquals(new long[] {60, 4}, Npy.read(work.resolve("idx-codes.npy")).shape(),
                "every image of the file, padded as in training");
    }

    @Test
    void aConvModelOnATableAndPaddingATableAreRefusedInOneLine() throws Exception {
        String csv = LvaProcess.data("ae3d.csv").toString();
        LvaProcess.Result conv = LvaProcess.run(work, List.of(), "fit", "--data", csv, "--model", "conv-lvae",
                "--epochs", "1", "--out", "table");
        assertEquals(1, conv.exit(), conv::toString);
        assertTrue(conv.err().startsWith("lva: --model conv-lvae needs images (an IDX file, a .npy of rank 3 or 4, a"
                + " folder of PNG or JPEG images); "), conv.err());
        assertEquals(1, conv.err().strip().lines().count(), conv.err());
        LvaProcess.Result pad = LvaProcess.run(work, List.of(), "fit", "--data", csv, "--pad-to", "32", "--epochs",
                "1", "--out", "table2");
        assertEquals(1, pad.exit(), pad::toString);
        assertTrue(pad.err().startsWith("lva: --pad-to 32: "), pad.err());
        assertEquals(1, pad.err().strip().lines().count(), pad.err());
        LvaProcess.Result model = LvaProcess.run(work, List.of(), "fit", "--data", csv, "--model", "cnn",
                "--epochs", "1", "--out", "table3");
        assertEquals(1, model.exit(), model::toString);
        assertTrue(model.err().contains("--model") && model.err().contains("lvae, conv-lvae"), model.err());
    }

    /** The figure files an HTML report shows, in order. */
    private static List<String> images(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
