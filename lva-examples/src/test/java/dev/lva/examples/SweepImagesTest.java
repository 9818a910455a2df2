package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.io.Npy;
import dev.lva.examples.Lva;
import dev.lva.run.sweep.SweepData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lva sweep --model conv-lvae} on images: the images travel to the runs with their shape,
 * padded and limited as {@code lva fit} reads them, and each run equals the separate {@code lva fit}.
 */
class SweepImagesTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Lva.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void convLvaeRunsOfASweepEqualSeparateFits() throws Exception {
        // 6 x 6 blobs, padded to 8 x 8, the first 30 of 40: both options reach the runs' data
        Path images = dir.resolve("blobs.npy");
        Npy.write(images, GaussianBlobs.generate(40, 6, 5));
        List<String> common = List.of("--data", images.toString(), "--model", "conv-lvae", "--channels", "2,4",
                "--latent", "3", "--pad-to", "8", "--limit", "30", "--epochs", "2", "--batch", "10");
        Path out = dir.resolve("sweep");
        List<String> sweep = new java.util.ArrayList<>(List.of("sweep", "--engine", "threads", "--seeds", "0,1",
                "--out", out.toString()));
        sweep.addAll(common);
        String[] s = run(sweep.toArray(String[]::new));
        assertTrue(s[0].startsWith("2 runs: 2 ok, 0 failed, 0 errors"), s[0] + s[1]);
        assertTrue(Files.readString(out.resolve("report.html")).contains("30 x 1 x 8 x 8"),
                "the report states the images' shape as the runs saw them");

        for (int seed = 0; seed < 2; seed++) {
            Path alone = dir.resolve("fit-" + seed);
            List<String> fit = new java.util.ArrayList<>(List.of("fit", "--seed", Integer.toString(seed), "--out",
                    alone.toString()));
            fit.addAll(common);
            run(fit.toArray(String[]::new));
            Path runDir = out.resolve("runs/volume_lambda0.001_seed" + seed);
            JsonNode a = new ObjectMapper().readTree(alone.resolve("summary.json").toFile());
            JsonNode b = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
            assertEquals(30, b.get("rows").asInt(), "--limit reached the run");
            assertEquals(64, b.get("columns").asInt(), "--pad-to reached the run: 1 x 8 x 8 values an image");
            assertEquals(a.get("stds_sorted"), b.get("stds_sorted"));
            assertEquals(a.get("reconstruction_mse"), b.get("reconstruction_mse"));
            assertEquals(a.get("steps"), b.get("steps"));
            assertEquals(Files.readString(alone.resolve("latent.csv")), Files.readString(runDir.resolve("latent.csv")),
                    "every code of every image to the last digit");
            String config = Files.readString(runDir.resolve("config.yaml"));
            assertTrue(config.contains("model: \"conv-lvae\"") && config.contains("padTo: \"8\"")
                    && config.contains("tolWindow: \"5\"")
                    && config.contains("regularizer: \"volume:lambda=0.001,eta=0.01\""), config);
        }
    }

    @Test
    void imageDataKeepsItsShapeOnTheWay() {
        float[] values = new float[2 * 1 * 4 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 32f;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            names.add("p" + i);
        }
        SweepData d = new SweepData("x.npy", names, new long[] {2, 1, 4, 4}, values, null);
        assertTrue(d.images());
        assertEquals("2 x 1 x 4 x 4", d.shapeText());
        assertArrayEquals(new long[] {2, 1, 4, 4}, d.dataset().features().shape());
        var rd = d.runData(dev.lva.run.Scaling.STANDARD.newScaler(), true);
        assertEquals(null, rd.scaler(), "images are never scaled");
        assertArrayEquals(new long[] {2, 16}, rd.scaled().shape(), "the model sees an image a row");
        assertEquals(values[17], rd.scaled().getFloat(1, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SweepData("x.npy", names, new long[] {2, 16, 1}, values, null));
    }
}
