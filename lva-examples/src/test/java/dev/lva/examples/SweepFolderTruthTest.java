package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.examples.InProcess.Run;
import dev.lva.run.sweep.SeedSweep;
import dev.lva.run.sweep.SweepFolder;
import dev.lva.run.sweep.SweepTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's folder tells the truth: run again after the data changed, its finished runs are not
 * taken for runs on the new data (refused naming both digests, unless --accept-changed-data, which
 * sweep.json and each row's data_digest record; --overwrite trains them again); and its table
 * describes every run folder in it, so a second seed set or grid into the same folder is refused,
 * or with --overwrite replaces the runs it leaves out.
 */
class SweepFolderTruthTest {
    @TempDir
    Path dir;

    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double t = -1 + 2.0 * i / 29;
            rows.add(Math.sin(2 * t) + "," + t * t + "," + Math.cos(5 * t));
        }
        return rows;
    }

    private Path write(List<String> rows) throws IOException {
        return Files.writeString(dir.resolve("curve.csv"), "a,b,c\n" + String.join("\n", rows) + "\n");
    }

    private String[] seeds(Path data, Path out, String seeds, String... more) {
        List<String> args = new ArrayList<>(List.of("fit", "--data", data.toString(), "--epochs", "20", "--hidden", "8",
                "--seeds", seeds, "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The data_digest column of sweep.csv, row by row. */
    private static List<String> digests(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(SweepFolder.TABLE));
        List<String> header = List.of(lines.get(0).split(","));
        int at = header.indexOf("data_digest");
        // the last column before the paper's metrics (counted from the end: a message may hold commas)
        int fromEnd = SweepTable.PAPER.size() + 1;
        assertEquals(header.size() - fromEnd, at, "the last column before the paper's metrics: " + header);
        return lines.subList(1, lines.size()).stream().map(l -> {
            String[] cells = l.split(",", -1);
            return cells[cells.length - fromEnd];
        }).toList();
    }

    private static String shortDigest(Path out, String type) throws IOException {
        JsonNode state = new ObjectMapper().readTree(out.resolve(SweepFolder.STATE_FILE).toFile());
        return state.get("data").get(type).get("digest").asText().substring(7, 19);
    }

    @Test
    void seedsRunAgainOnChangedDataAreRefusedUnlessAcceptedAndTheTableNamesEachRunsData() throws IOException {
        Path data = write(rows());
        Path out = dir.resolve("seeds");
        Run first = lva(seeds(data, out, "0,1"));
        assertEquals(0, first.exit(), first.err());
        String before = shortDigest(out, "FLOAT");
        assertEquals(List.of(before, before), digests(out));

        List<String> reordered = rows();
        Collections.reverse(reordered);
        write(reordered);
        Run refused = lva(seeds(data, out, "0,1"));
        assertEquals(1, refused.exit(), refused.err());
        String err = refused.err();
        assertTrue(err.contains("holds runs trained on other data") && err.contains(before)
                && err.contains("--accept-changed-data"), err);
        assertEquals(before, shortDigest(out, "FLOAT"), "a refusal changes nothing");

        Run accepted = lva(seeds(data, out, "0-2", "--accept-changed-data"));
        assertEquals(0, accepted.exit(), accepted.err());
        assertTrue(accepted.err().contains("2 finished before, 0 resume from a checkpoint, 1 start"), accepted.err());
        String after = shortDigest(out, "FLOAT");
        assertFalse(after.equals(before));
        assertEquals(List.of(before, before, after), digests(out), "each row names the data it trained on");
        JsonNode state = new ObjectMapper().readTree(out.resolve(SweepFolder.STATE_FILE).toFile());
        assertEquals(before + " -> " + after, state.get("data_changed").get(0).asText());
        assertTrue(accepted.err().contains("warning: the seeds trained on different data"), accepted.err());
        JsonNode seedsJson = new ObjectMapper().readTree(out.resolve(SeedSweep.SEEDS_FILE).toFile());
        assertEquals(after, seedsJson.get("runs").get(2).get("data_digest").asText().substring(7, 19));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("the seeds trained on different data"), "the report says what the console said");
        assertTrue(html.contains(seedsJson.get("runs").get(2).get("data_digest").asText()), "and names each seed's data");

        // --overwrite trains again what was trained on other data
        write(rows());
        Run replaced = lva(seeds(data, out, "0-2", "--overwrite"));
        assertEquals(0, replaced.exit(), replaced.err());
        assertTrue(replaced.err().contains("0 finished before, 0 resume from a checkpoint, 3 start"), replaced.err());
        assertEquals(List.of(before, before, before), digests(out));
    }

    @Test
    void aSecondSeedSetIntoTheSameFolderIsRefusedOrWithOverwriteReplacesTheFirst() throws IOException {
        Path data = write(rows());
        Path out = dir.resolve("seeds");
        assertEquals(0, lva(seeds(data, out, "0,1")).exit());
        Run refused = lva(seeds(data, out, "2,3"));
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("holds finished runs that this sweep does not include (seed-0, seed-1)"),
                refused.err());
        assertFalse(Files.exists(out.resolve("seed-2")), "nothing trained");

        // a grid that grows keeps what it holds
        Run grown = lva(seeds(data, out, "0-2"));
        assertEquals(0, grown.exit(), grown.err());
        assertEquals(4, Files.readAllLines(out.resolve(SweepFolder.TABLE)).size());

        Run replaced = lva(seeds(data, out, "3,4", "--overwrite", "--lr", "0.002"));
        assertEquals(0, replaced.exit(), replaced.err());
        for (String gone : List.of("seed-0", "seed-1", "seed-2")) {
            assertFalse(Files.exists(out.resolve(gone)), gone + " is no longer beside the new seeds");
        }
        assertEquals(3, Files.readAllLines(out.resolve(SweepFolder.TABLE)).size());
        JsonNode json = new ObjectMapper().readTree(out.resolve(SeedSweep.SEEDS_FILE).toFile());
        assertEquals("[3,4]", json.get("seeds").toString());

        // a single run into the seeds' folder would sit beside them: refused, even with --overwrite
        Run single = lva("fit", "--data", data.toString(), "--epochs", "20", "--hidden", "8", "--out", out.toString(),
                "--overwrite");
        assertEquals(1, single.exit(), single.err());
        assertTrue(single.err().contains("holds the runs of a sweep or of lva fit --seeds (sweep.csv, seeds.json,"),
                single.err());
        assertFalse(Files.exists(out.resolve("model.zip")));
        // nor does a single run replace one seed's run, which its row goes on describing
        byte[] seed3 = Files.readAllBytes(out.resolve("seed-3/model.zip"));
        Run intoSeed = lva("fit", "--data", data.toString(), "--epochs", "5", "--hidden", "8", "--out",
                out.resolve("seed-3").toString(), "--overwrite");
        assertEquals(1, intoSeed.exit(), intoSeed.err());
        assertTrue(intoSeed.err().contains("is a run of a sweep or of lva fit --seeds (its run.json)"), intoSeed.err());
        assertArrayEquals(seed3, Files.readAllBytes(out.resolve("seed-3/model.zip")), "the seed's run is as it was");

        // nor is a seed's run resumed in place, under its row
        Run inPlace = lva("resume", "--checkpoint", out.resolve("seed-3/model.zip").toString(), "--epochs", "25");
        assertEquals(1, inPlace.exit(), inPlace.err());
        assertTrue(inPlace.err().contains("is a run of a sweep or of lva fit --seeds"), inPlace.err());
        Run elsewhere = lva("resume", "--checkpoint", out.resolve("seed-3/model.zip").toString(), "--epochs", "25",
                "--out", dir.resolve("longer").toString());
        assertEquals(0, elsewhere.exit(), elsewhere.err());
    }

    @Test
    void aSweepWhoseGridLeavesOutFinishedRunsIsRefused() throws IOException {
        Path data = write(rows());
        Path out = dir.resolve("sweep");
        Run first = lva("sweep", "--engine", "threads", "--data", data.toString(), "--lambda", "1e-3,1e-2",
                "--hidden", "8", "--epochs", "10", "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        Run narrower = lva("sweep", "--engine", "threads", "--data", data.toString(), "--lambda", "1e-2",
                "--hidden", "8", "--epochs", "10", "--out", out.toString());
        assertEquals(1, narrower.exit(), narrower.err());
        assertTrue(narrower.err().contains("does not include (volume_lambda1e-3_seed0)"), narrower.err());
        assertEquals(3, Files.readAllLines(out.resolve(SweepFolder.TABLE)).size(), "the table still lists both runs");

        write(rows().subList(0, 29));
        Run changed = lva("sweep", "--engine", "threads", "--data", data.toString(), "--lambda", "1e-3,1e-2",
                "--hidden", "8", "--epochs", "10", "--out", out.toString());
        assertEquals(1, changed.exit(), changed.err());
        assertTrue(changed.err().contains("29 x 3 float32") && changed.err().contains("30 x 3 float32"),
                changed.err());
    }

    private String[] sweep(Path data, Path out) {
        return new String[] {"sweep", "--engine", "threads", "--data", data.toString(), "--lambda", "1e-3,1e-2",
            "--hidden", "8", "--epochs", "5", "--no-run-reports", "--out", out.toString()};
    }

    @Test
    void aSweepIntoASeedSetOrARunsFolderIsRefused() throws IOException {
        Path data = write(rows());
        Path seeds = dir.resolve("seeds");
        assertEquals(0, lva(seeds(data, seeds, "0,1")).exit());
        byte[] table = Files.readAllBytes(seeds.resolve(SweepFolder.TABLE));
        Run intoSeeds = lva(sweep(data, seeds));
        assertEquals(1, intoSeeds.exit(), intoSeeds.err());
        assertTrue(intoSeeds.err().contains("holds the seeds of lva fit --seeds (seeds.json)"), intoSeeds.err());
        assertArrayEquals(table, Files.readAllBytes(seeds.resolve(SweepFolder.TABLE)), "the seeds' table is as it was");

        Path run = dir.resolve("run");
        assertEquals(0, lva("fit", "--data", data.toString(), "--epochs", "5", "--hidden", "8", "--out",
                run.toString()).exit());
        byte[] report = Files.readAllBytes(run.resolve("report.html"));
        Run intoRun = lva(sweep(data, run));
        assertEquals(1, intoRun.exit(), intoRun.err());
        assertTrue(intoRun.err().contains("holds a run of lva fit (summary.json, model.zip)"), intoRun.err());
        assertArrayEquals(report, Files.readAllBytes(run.resolve("report.html")), "the run's report is as it was");
        assertFalse(Files.exists(run.resolve(SweepFolder.TABLE)));
    }

    @Test
    void aSweepWaitsForARunThatAnotherProcessIsWritingIntoItsFolder() throws Exception {
        Path data = write(rows());
        Path out = dir.resolve("busy");
        Files.createDirectories(out);
        // another process holds lva fit's lock of the folder, as a running lva fit does
        Path locker = Files.writeString(dir.resolve("Locker.java"), "import java.nio.channels.FileChannel;\n"
                + "import java.nio.file.*;\npublic class Locker { public static void main(String[] a) throws Exception {\n"
                + "try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,"
                + " StandardOpenOption.WRITE); var l = c.lock()) { System.out.println(\"locked\"); System.out.flush();"
                + " Thread.sleep(60_000); } } }\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                locker.toString(), out.resolve(dev.lva.run.OutputFolder.LOCK_FILE).toString())
                .redirectErrorStream(true).start();
        try {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            assertEquals("locked", reader.readLine());
            Run refused = lva(sweep(data, out));
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("a run (lva fit or lva resume) is writing into this folder"),
                    refused.err());
            assertFalse(Files.exists(out.resolve(SweepFolder.TABLE)));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertEquals(0, lva(sweep(data, out)).exit(), "the folder is free once the run has ended");
    }

    @Test
    void runsMovedAsideByAKilledOverwriteAreBackOnTheNextStart() throws Exception {
        Path data = write(rows());
        Path out = dir.resolve("killed");
        assertEquals(0, lva(seeds(data, out, "0,1")).exit());
        byte[] seed0 = Files.readAllBytes(out.resolve("seed-0/model.zip"));
        // what --overwrite leaves when it is killed before the new seeds are written
        Files.move(out.resolve("seed-0"), out.resolve(".seed-0." + java.util.UUID.randomUUID() + ".old"));
        Files.move(out.resolve("seed-1"), out.resolve(".seed-1." + java.util.UUID.randomUUID() + ".old"));
        Run again = lva(seeds(data, out, "0,1"));
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("2 finished before, 0 resume from a checkpoint, 0 start"), again.err());
        assertArrayEquals(seed0, Files.readAllBytes(out.resolve("seed-0/model.zip")), "seed 0 is the run it was");
        assertEquals(3, Files.readAllLines(out.resolve(SweepFolder.TABLE)).size());
    }
}
