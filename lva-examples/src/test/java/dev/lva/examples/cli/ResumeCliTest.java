package dev.lva.examples.cli;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.StateDict;
import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.examples.InProcess.Run;
import dev.lva.run.LossHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lva resume} checks the data against the digest its checkpoint keeps (a file reordered or cut
 * since is refused, naming both digests, unless {@code --accept-changed-data}, which is then recorded),
 * and a resumed run's summary and report describe the whole run: its loss history from step 1, the
 * seconds of every session, and where it resumed.
 */
class ResumeCliTest {
    private static final Pattern SHORT_DIGEST = Pattern.compile("\\b[0-9a-f]{12}\\b");

    @TempDir
    Path dir;

    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double t = -1 + 2.0 * i / 39;
            rows.add(Math.sin(2 * t) + "," + t * t + "," + Math.cos(5 * t));
        }
        return rows;
    }

    private Path write(String name, List<String> rows) throws IOException {
        return Files.writeString(dir.resolve(name), "a,b,c\n" + String.join("\n", rows) + "\n");
    }

    /** Trains 40 full-batch epochs with a checkpoint every 10 steps; returns the checkpoint of step 20. */
    private Path fit(Path data, Path out) {
        Run fit = lva("fit", "--data", data.toString(), "--epochs", "40", "--hidden", "8,8", "--tol", "0",
                "--checkpoint-every", "10", "--keep", "10", "--out", out.toString());
        assertEquals(0, fit.exit(), fit.err());
        return out.resolve("checkpoints/checkpoint-00000020.zip");
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void reorderedDataAreRefusedNamingBothDigestsAndAcceptedOnlyWhenAsked() throws IOException {
        Path data = write("curve.csv", rows());
        Path out = dir.resolve("run");
        Path checkpoint = fit(data, out);
        String trainedOn = json(out.resolve("summary.json")).get("data_digest").asText();
        assertTrue(trainedOn.startsWith("sha256:"), trainedOn);

        List<String> reordered = rows();
        Collections.reverse(reordered);
        write("curve.csv", reordered);
        Run refused = lva("resume", "--checkpoint", checkpoint.toString());
        assertEquals(1, refused.exit(), refused.err());
        String err = refused.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(data.toString()) && err.contains("is not the data"), err);
        assertTrue(err.contains(trainedOn.substring(7, 19)), "names the digest the run trained on: " + err);
        Matcher m = SHORT_DIGEST.matcher(err);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group());
        }
        assertEquals(2, named.stream().distinct().count(), "both digests, short: " + err);
        assertTrue(err.contains("--accept-changed-data"), err);

        Run accepted = lva("resume", "--checkpoint", checkpoint.toString(), "--accept-changed-data");
        assertEquals(0, accepted.exit(), accepted.err());
        JsonNode s = json(out.resolve("summary.json"));
        assertFalse(s.get("data_digest").asText().equals(trainedOn), "the summary names the data it ended on");
        assertEquals("step 20: " + trainedOn.substring(7, 19) + " -> " + s.get("data_digest").asText().substring(7, 19),
                s.get("data_changed").get(0).asText());
        assertTrue(Files.readString(out.resolve("report.html")).contains("data changed"));
        // the change stays recorded in the model, so a later resume still knows
        assertTrue(CheckpointFile.read(out.resolve("model.zip")).extras().strings().get("data.changed")
                .startsWith("step 20: "));
    }

    @Test
    void cutDataAreRefused() throws IOException {
        Path data = write("curve.csv", rows());
        Path checkpoint = fit(data, dir.resolve("run"));
        write("curve.csv", rows().subList(0, 39));
        Run refused = lva("resume", "--checkpoint", checkpoint.toString());
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("39 x 3 float32") && refused.err().contains("40 x 3 float32"),
                "the shapes tell what changed: " + refused.err());
    }

    @Test
    void aBuiltInDataSetCutByLimitResumesOnTheRowsItTrainedOn() {
        Path out = dir.resolve("builtin");
        Run fit = lva("fit", "--data", "builtin:ae3d.csv", "--limit", "50", "--epochs", "20", "--hidden", "8",
                "--checkpoint-every", "10", "--keep", "10", "--out", out.toString());
        assertEquals(0, fit.exit(), fit.err());
        Run resumed = lva("resume", "--checkpoint", out.resolve("checkpoints/checkpoint-00000010.zip").toString());
        assertEquals(0, resumed.exit(), "the same 50 rows, not another data set: " + resumed.err());
    }

    @Test
    void aResumedRunReportsItsWholeHistoryAndWhereItResumed() throws IOException {
        Path data = write("curve.csv", rows());
        Path out = dir.resolve("run");
        Path checkpoint = fit(data, out);
        double[] uninterrupted = history(out.resolve("model.zip"));
        var straight = CheckpointFile.read(out.resolve("model.zip")).parameters();
        StateDict before = CheckpointFile.read(checkpoint).states().get("listener." + LossHistory.STATE_KEY);
        var provenance = CheckpointFile.read(checkpoint).provenance();
        assertTrue(provenance.data().startsWith("sha256:") && provenance.threads().startsWith("engine "),
                "the checkpoint's provenance holds the data's digest and the threads: " + provenance);
        double secondsBefore = before.scalar("seconds", "test");

        Run resumed = lva("resume", "--checkpoint", checkpoint.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        JsonNode s = json(out.resolve("summary.json"));
        assertEquals(20, s.get("resumed_at_step").asLong());
        assertTrue(s.get("training_seconds").asDouble() >= secondsBefore,
                "the seconds before the resume count: " + s.get("training_seconds") + " < " + secondsBefore);
        assertArrayEquals(uninterrupted, history(out.resolve("model.zip")),
                "the loss curve of the resumed run is the uninterrupted run's, from step 1");
        var again = CheckpointFile.read(out.resolve("model.zip")).parameters();
        assertEquals(straight.keySet(), again.keySet());
        // ND4J's equals allows a tolerance: the values themselves, exactly
        straight.forEach((name, a) -> assertArrayEquals(a.dup('c').data().asDouble(),
                again.get(name).dup('c').data().asDouble(), name + " is bit for bit the uninterrupted run's"));
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("at step 20"), "the report says where the run resumed");
    }

    /** The steps and total losses the run's final model keeps, one after the other. */
    private static double[] history(Path model) {
        StateDict h = CheckpointFile.read(model).states().get("listener." + LossHistory.STATE_KEY);
        double[][] p = h.arrays().get("points").toDoubleMatrix();
        assertEquals(1.0, p[0][0], "the history starts at step 1");
        double[] out = new double[2 * p[0].length];
        System.arraycopy(p[0], 0, out, 0, p[0].length);
        System.arraycopy(p[1], 0, out, p[0].length, p[0].length);
        return out;
    }

    @Test
    void aMovedRunFolderResumesWhereItIsNow() throws IOException {
        Path data = write("curve.csv", rows());
        Path first = dir.resolve("first");
        fit(data, first);
        Path moved = dir.resolve("moved");
        Files.move(first, moved);
        Run resumed = lva("resume", "--checkpoint", moved.resolve("checkpoints/checkpoint-00000020.zip").toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertFalse(Files.exists(first), "the folder the run was first given is not made again");
        assertTrue(resumed.out().contains("report: " + moved.resolve("report.html")), resumed.out());
        assertEquals(40, json(moved.resolve("summary.json")).get("steps").asInt());
    }

    @Test
    void aCheckpointOfAResumedRunCarriesTheEpochsItWasResumedTo() throws IOException {
        Path data = write("curve.csv", rows());
        Path out = dir.resolve("longer");
        Path at20 = fit(data, out);
        Run longer = lva("resume", "--checkpoint", at20.toString(), "--epochs", "60");
        assertEquals(0, longer.exit(), longer.err());
        // step 50 lies past the 40 epochs the run was first given: without --epochs it goes on to 60
        Run again = lva("resume", "--checkpoint", out.resolve("checkpoints/checkpoint-00000050.zip").toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(60, json(out.resolve("summary.json")).get("steps").asInt());
    }
}
