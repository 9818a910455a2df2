package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 x 64 colour images through the command line, the LV paper's CelebA depth (five halvings) on
 * narrow channels: synth draws them, fit trains and evaluates, encode and decode take the model's
 * shape, and sides the five halvings cannot divide are refused naming the numbers and the options.
 */
class Colour64CliTest {
    @TempDir
    Path dir;

    @Test
    void synthFitEncodeAndDecodeTakeSixtyFourPixelColourImages() throws Exception {
        Path data = dir.resolve("s");
        InProcess.Run synth = InProcess.lva("synth", "--n", "40", "--size", "64", "--channels", "3", "--vary",
                "rotation,hue", "--out", data.toString());
        assertEquals(0, synth.exit(), synth.err());
        Path images = data.resolve("images.npy");
        assertArrayEquals(new long[] {40, 3, 64, 64}, Npy.read(images).shape());

        Path run = dir.resolve("fit");
        InProcess.Run fit = InProcess.lva("fit", "--model", "conv-lvae", "--data", images.toString(), "--truth",
                data.resolve("parameters.csv").toString(), "--channels", "2,4,4,8,8", "--latent", "4", "--epochs",
                "2", "--batch", "20", "--out", run.toString());
        assertEquals(0, fit.exit(), fit.err());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(4, summary.get("steps").asInt(), summary.toString());
        // the decoder's Linear and its four transposed convolutions, each normalised, each converged
        JsonNode layers = summary.get("lipschitz_layers");
        assertEquals(5, layers.size(), layers.toString());
        assertTrue(summary.get("lipschitz_converged").asBoolean(), layers.toString());
        assertTrue(layers.get(4).get("layer").asText().startsWith("ConvTranspose2d(2 -> 3,"), layers.toString());
        assertTrue(summary.get("truth_r2").has("hue"), summary.toString());

        Path codes = run.resolve("codes.npy");
        InProcess.Run encode = InProcess.lva("encode", "--model", run.resolve("model.zip").toString(), "--data",
                images.toString(), "--out", codes.toString());
        assertEquals(0, encode.exit(), encode.err());
        assertArrayEquals(new long[] {40, 4}, Npy.read(codes).shape());
        Path decoded = run.resolve("decoded.npy");
        InProcess.Run decode = InProcess.lva("decode", "--model", run.resolve("model.zip").toString(), "--data",
                codes.toString(), "--out", decoded.toString());
        assertEquals(0, decode.exit(), decode.err());
        assertArrayEquals(new long[] {40, 3, 64, 64}, Npy.read(decoded).shape());

        // grey images of the same side are not the colour model's
        Path grey = dir.resolve("g");
        assertEquals(0, InProcess.lva("synth", "--n", "4", "--size", "64", "--out", grey.toString()).exit());
        InProcess.Run wrong = InProcess.lva("encode", "--model", run.resolve("model.zip").toString(), "--data",
                grey.resolve("images.npy").toString(), "--out", dir.resolve("gc.npy").toString());
        assertNotEquals(0, wrong.exit());
        assertTrue(wrong.err().contains("images of 1 x 64 x 64") && wrong.err().contains("takes 3 x 64 x 64"),
                wrong.err());
    }

    @Test
    void sidesFiveHalvingsCannotDivideAreRefusedWithTheNumbersAndTheOptions() {
        Path data = dir.resolve("s48");
        assertEquals(0, InProcess.lva("synth", "--n", "4", "--size", "48", "--channels", "3", "--out",
                data.toString()).exit());
        InProcess.Run fit = InProcess.lva("fit", "--model", "conv-lvae", "--data", data.resolve("images.npy")
                .toString(), "--channels", "2,4,4,8,8", "--latent", "2", "--epochs", "1", "--out",
                dir.resolve("f").toString());
        assertNotEquals(0, fit.exit());
        assertTrue(fit.err().contains("48 is not divisible by 32") && fit.err().contains("--pad-to, --channels"),
                fit.err());
        // seven halvings of 64
        InProcess.Run seven = InProcess.lva("fit", "--model", "conv-lvae", "--data", data.resolve("images.npy")
                .toString(), "--pad-to", "64", "--channels", "2,2,2,2,2,2,2", "--latent", "2", "--epochs", "1",
                "--out", dir.resolve("f7").toString());
        assertNotEquals(0, seven.exit());
        assertTrue(seven.err().contains("64 is not divisible by 128"), seven.err());
    }
}
