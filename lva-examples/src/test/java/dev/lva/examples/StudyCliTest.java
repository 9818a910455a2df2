package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lva study}: its help, one tiny study on synthetic images, and the options it refuses. */
class StudyCliTest {
    @TempDir
    Path dir;

    private static InProcess.Run study(String... args) {
        List<String> all = new ArrayList<>(List.of("study"));
        all.addAll(Arrays.asList(args));
        return InProcess.lva(all.toArray(String[]::new));
    }

    @Test
    void theHelpNamesTheSettingsTheFiguresAndTheEngines() {
        InProcess.Run r = study("--help");
        assertEquals(0, r.exit(), r.err());
        for (String s : List.of("--quick", "--datasets", "--penalties", "--lambda", "--seeds", "--out", "--engine",
                "--yes", "report.html", "pruning curves at comparable", "kNN accuracy", "R^2", "threads",
                "expected time")) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
        // the quick setting's synthetic images as the preset has them (the help once said 1,000 after it drew 4,000)
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("quick " + dev.lva.run.study.StudyOptions.QUICK.synthImages() + ")"), help);
        assertTrue(help.contains(dev.lva.run.study.StudyOptions.QUICK.synthImages() + " synthetic images of 32 x 32"
                + " (sheared within +-35 degrees)"), help);
        assertTrue(help.contains("nearest neighbours"), help);
    }

    @Test
    void aTinyStudyPrintsWhereItsReportIsAndItsHeadlineNumbers() throws Exception {
        Path out = dir.resolve("study");
        InProcess.Run r = study("--engine", "threads", "--datasets", "synth", "--penalties", "volume,lasso",
                "--lambda", "1e-4,1e-3", "--seeds", "0", "--epochs", "60", "--synth-images", "120", "--synth-size",
                "16", "--channels", "4", "--latent", "3", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("study: 4 runs: synth 4 (penalty 2 x lambda 2 x seed 1 each)"), r.out());
        assertTrue(r.out().contains("expected time: about"), r.out());
        assertTrue(r.out().contains("synth: 4 runs: 4 ok, 0 failed, 0 errors"), r.out());
        assertTrue(r.out().matches("(?s).*\\nsynth +volume +2/2 .*\\nsynth +lasso +2/2 .*"), r.out());
        assertTrue(r.out().contains("report: " + out.resolve("report.html")), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("study.csv")));

        InProcess.Run again = study("--engine", "threads", "--datasets", "synth", "--penalties", "volume,lasso",
                "--lambda", "1e-4,1e-3", "--seeds", "0", "--epochs", "60", "--synth-images", "120", "--synth-size",
                "16", "--channels", "4", "--latent", "3", "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("synth: 4 runs: 4 ok, 0 failed, 0 errors (4 finished before, 0 resumed)"),
                again.out());
    }

    /**
     * Five images, one run: the code collapses and one row is held out, so no parameter has an R^2; the
     * study still finishes, counts its run in the singular and says why the recovery figure is missing.
     */
    @Test
    void aStudyTooSmallToRecoverAnythingSaysSo() throws Exception {
        Path out = dir.resolve("five");
        InProcess.Run r = study("--engine", "threads", "--datasets", "synth", "--penalties", "volume", "--lambda",
                "1e-3", "--seeds", "0", "--epochs", "1", "--synth-images", "5", "--synth-size", "16", "--channels",
                "4", "--latent", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("synth: 1 run: 1 ok, 0 failed, 0 errors (0 finished before"), r.out());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("no finished run has a nearest-neighbour R^2 of every true parameter"), html);
        assertTrue(Files.readAllLines(out.resolve("study.csv")).get(1).matches("synth,volume,1,1,,[^,]+,,,,,,,.*"),
                Files.readAllLines(out.resolve("study.csv")).toString());
    }

    @Test
    void quickWithAnOptionItSetsIsRefusedAndNothingIsWritten() {
        Path out = dir.resolve("q");
        InProcess.Run r = study("--quick", "--lambda", "1e-3", "--engine", "threads", "--out", out.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--quick sets") && r.err().contains("leave out --lambda"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badDataSetsAndPenaltiesAreRefusedNamingThem() {
        Path out = dir.resolve("b");
        InProcess.Run data = study("--datasets", "mnist", "--engine", "threads", "--out", out.toString());
        assertNotEquals(0, data.exit());
        assertTrue(data.err().contains("--datasets 'mnist': no such data set; a study runs on fashion, synth"),
                data.err());
        // tiny sizes: were the name taken, the study would cost seconds, not the full study's hours
        InProcess.Run penalty = study("--datasets", "synth", "--penalties", "volume,l3", "--engine", "threads",
                "--lambda", "1e-3", "--seeds", "0", "--epochs", "1", "--synth-images", "10", "--synth-size", "8",
                "--channels", "2", "--latent", "2", "--out", out.toString());
        assertNotEquals(0, penalty.exit());
        assertTrue(penalty.err().contains("--penalties") && penalty.err().contains("l3"), penalty.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownEngineIsRefusedBeforeTheStudySaysWhatItWouldRun() {
        Path out = dir.resolve("e");
        InProcess.Run r = study("--datasets", "synth", "--engine", "nonsense", "--lambda", "1e-3", "--seeds", "0",
                "--penalties", "volume", "--epochs", "1", "--synth-images", "10", "--synth-size", "8", "--channels",
                "2", "--latent", "2", "--out", out.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--engine nonsense"), r.err());
        assertEquals("", r.out(), "nothing said about a study that does not start");
        assertFalse(Files.exists(out));
    }

    @Test
    void aStudyAboveTheConfirmLimitStatesItsSizeAndTimeAndWaitsForYes() {
        Path out = dir.resolve("big");
        InProcess.Run r = study("--datasets", "synth", "--seeds", "0-5", "--engine", "threads", "--epochs", "1",
                "--synth-images", "10", "--synth-size", "8", "--channels", "2", "--latent", "2", "--out",
                out.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("120 runs") && r.err().contains("expected time: about")
                && r.err().contains("--yes"), r.err());
        assertFalse(Files.exists(out), "nothing drawn or trained");
    }
}
