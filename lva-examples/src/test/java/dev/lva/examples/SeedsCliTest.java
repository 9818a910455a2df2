package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.LvaException;
import dev.lva.examples.InProcess.Run;
import dev.lva.run.sweep.SeedSweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lva fit --seeds}: one run per seed, side by side on the sweep's threads engine, each as it
 * would be alone, and what they agree on; run again, finished seeds are skipped and missing ones
 * trained; a folder of another run is refused unless --overwrite.
 */
class SeedsCliTest {
    @TempDir
    Path dir;

    private Path data() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = -1 + 2.0 * i / 39;
            sb.append(Math.sin(2 * t)).append(',').append(t * t).append(',').append(Math.cos(5 * t)).append('\n');
        }
        return Files.writeString(dir.resolve("curve.csv"), sb.toString());
    }

    @Test
    void eachSeedsRunIsTheRunOfThatSeedAloneAndTheConsensusIsStated() throws IOException {
        String csv = data().toString();
        Run seeds = lva("fit", "--data", csv, "--epochs", "60", "--hidden", "8,8", "--seeds", "0-2", "--out",
                dir.resolve("seeds").toString());
        assertEquals(0, seeds.exit(), seeds.err());
        List<String> lines = seeds.out().lines().filter(l -> !l.contains(": warning: ")).toList();
        for (int s = 0; s < 3; s++) {
            assertTrue(lines.get(s).startsWith("seed " + s + ": intrinsic dimension "), seeds.out());
        }
        assertTrue(lines.get(3).startsWith("consensus: intrinsic dimension "), seeds.out());
        assertTrue(lines.get(4).startsWith("report: "), seeds.out());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("seeds/" + SeedSweep.SEEDS_FILE).toFile());
        assertEquals(3, json.get("runs").size());
        assertTrue(Files.size(dir.resolve("seeds/fig-01-sorted-latent-stds-of-every-seed.png")) > 1000,
                "the sorted stds of every seed in one figure");
        String html = Files.readString(dir.resolve("seeds/report.html"));
        assertTrue(html.contains("consensus"));
        // the width the runs had, not the "0" that asked for it
        assertTrue(html.contains("<th scope=\"row\">--latent</th><td>3 (as many as the data has columns; --latent"
                + " 0)</td>"), html);

        // seed 1 among others gives what seed 1 alone gives, to the digit
        Run alone = lva("fit", "--data", csv, "--epochs", "60", "--hidden", "8,8", "--seed", "1", "--out",
                dir.resolve("alone").toString());
        assertEquals(0, alone.exit(), alone.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("alone/summary.json").toFile());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("seeds/seed-1/summary.json").toFile());
        assertEquals(a.get("stds_sorted"), b.get("stds_sorted"));
        assertEquals(a.get("reconstruction_mse"), b.get("reconstruction_mse"));
        // each run records the threads it computed with: lva's own and the native pools, one each here
        for (JsonNode summary : List.of(a, b)) {
            assertEquals("{\"engine\":1,\"openblas\":1,\"openmp\":1,\"openblas_coretype\":\"" + dev.lva.core.tensor.BlasKernels.setting() + "\"}",
                    summary.get("threads").toString());
        }
        assertEquals(json.get("runs").get(1).get("stds_sorted"), b.get("stds_sorted"));
        assertEquals(Files.readString(dir.resolve("alone/latent.csv")), Files.readString(dir.resolve(
                "seeds/seed-1/latent.csv")), "every latent code to the last digit");
        List<String> expected = new java.util.ArrayList<>(files(dir.resolve("alone")));
        expected.add("run.json");
        assertEquals(expected.stream().sorted().toList(), files(dir.resolve("seeds/seed-1")),
                "a seed's folder holds what lva fit --seed S writes (its report and figures too), and its sweep row");
        // nor any folder: a seed's run folder moves as it is (it trained in a scratch folder)
        assertEquals(Files.readString(dir.resolve("alone/config.yaml")), Files.readString(dir.resolve(
                "seeds/seed-1/config.yaml")), "the seed's config is lva fit --seed 1's, naming no folder");
        assertEquals(4, Files.readAllLines(dir.resolve("seeds/sweep.csv")).size(), "the sweep's table: a row a seed");
    }

    /** The names in a run folder, its lock file and checkpoints aside (a seed keeps only its final model.zip). */
    private static List<String> files(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.equals("checkpoints"))
                    .sorted().toList();
        }
    }

    @Test
    void theSameCommandAgainSkipsFinishedSeedsAndTrainsOnlyWhatIsMissing() throws IOException {
        String csv = data().toString();
        String out = dir.resolve("again").toString();
        String[] command = {"fit", "--data", csv, "--epochs", "40", "--hidden", "8", "--seeds", "0,1", "--out", out};
        Run first = lva(command);
        assertEquals(0, first.exit(), first.err());
        Path record = dir.resolve("again/seed-0/run.json");
        byte[] before = Files.readAllBytes(record);
        String latent1 = Files.readString(dir.resolve("again/seed-1/latent.csv"));

        Run second = lva(command);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("2 runs into " + out + ": 2 finished before, 0 resume from a checkpoint,"
                + " 0 start"), second.err());
        assertEquals(first.out(), second.out(), "the same lines, read back from the seeds' folders");
        assertArrayEquals(before, Files.readAllBytes(record), "a finished seed is not trained again");

        // a seed whose folder is missing (the command was stopped while it trained) is trained, alone
        deleteTree(dir.resolve("again/seed-1"));
        Run third = lva(command);
        assertEquals(0, third.exit(), third.err());
        assertTrue(third.err().contains("1 finished before, 0 resume from a checkpoint, 1 start"), third.err());
        assertEquals(latent1, Files.readString(dir.resolve("again/seed-1/latent.csv")));
        assertArrayEquals(before, Files.readAllBytes(record));
        assertEquals(first.out(), third.out());
    }

    @Test
    void aFolderHoldingAnotherRunIsRefusedUnlessOverwrite() throws IOException {
        String csv = data().toString();
        Path single = dir.resolve("single");
        Run fit = lva("fit", "--data", csv, "--epochs", "30", "--hidden", "8", "--out", single.toString());
        assertEquals(0, fit.exit(), fit.err());
        String[] seeds = {"fit", "--data", csv, "--epochs", "30", "--hidden", "8", "--seeds", "0,1", "--out",
                single.toString()};
        Run refused = lva(seeds);
        assertEquals(Lva.EXIT_ERROR, refused.exit());
        assertTrue(refused.err().contains("\nlva: output folder " + single + " holds an earlier run (model.zip,"),
                refused.err());
        assertTrue(refused.err().contains("add --overwrite to replace it"), refused.err());
        assertTrue(Files.exists(single.resolve("model.zip")) && !Files.exists(single.resolve("seed-0")),
                "nothing was trained or removed");

        Run replaced = lva(append(seeds, "--overwrite"));
        assertEquals(0, replaced.exit(), replaced.err());
        assertFalse(Files.exists(single.resolve("model.zip")), "the single run went once the seeds were written");
        assertFalse(Files.exists(single.resolve("summary.json")));
        assertTrue(Files.isRegularFile(single.resolve("seed-1/model.zip")));
        assertTrue(Files.isRegularFile(single.resolve(SeedSweep.SEEDS_FILE)));

        // the same seeds with other options: the finished seeds are not taken for these
        String[] longer = {"fit", "--data", csv, "--epochs", "31", "--hidden", "8", "--seeds", "0,1", "--out",
                single.toString()};
        Run other = lva(longer);
        assertEquals(Lva.EXIT_ERROR, other.exit());
        assertTrue(other.err().contains("seed-0 holds a run trained with other options (epochs 31 now, 30 then)"),
                other.err());
        Run retrained = lva(append(longer, "--overwrite"));
        assertEquals(0, retrained.exit(), retrained.err());
        assertTrue(retrained.err().contains("0 finished before, 0 resume from a checkpoint, 2 start"), retrained.err());
        assertTrue(Files.readString(single.resolve("seed-0/config.yaml")).contains("epochs: \"31\""));

        // a seed's folder that holds a run of lva fit (not the seeds' own) is not replaced unseen
        Path plain = dir.resolve("plain");
        Run alone = lva("fit", "--data", csv, "--epochs", "30", "--hidden", "8", "--seed", "1", "--out",
                plain.resolve("seed-1").toString());
        assertEquals(0, alone.exit(), alone.err());
        String[] intoIt = {"fit", "--data", csv, "--epochs", "30", "--hidden", "8", "--seeds", "0,1", "--out",
                plain.toString()};
        Run foreign = lva(intoIt);
        assertEquals(Lva.EXIT_ERROR, foreign.exit());
        assertTrue(foreign.err().contains("seed-1 holds files this sweep did not write (checkpoints, config.yaml,"), foreign.err());
        assertTrue(foreign.err().contains("add --overwrite to replace it"), foreign.err());
        assertEquals(0, lva(append(intoIt, "--overwrite")).exit());
        assertTrue(Files.isRegularFile(plain.resolve("seed-1/run.json")));
    }

    private static String[] append(String[] args, String extra) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void seedListsAreReadAsWrittenAndBadOnesRefusedByName() {
        assertEquals(List.of(0L, 1L, 2L, 7L), SeedSweep.parse("0-2,7", "--seeds"));
        assertEquals(List.of(5L, 3L), SeedSweep.parse("5, 3", "--seeds"));
        for (String bad : List.of("1", "a,b", "3-1", "1,1", "0-5000")) {
            LvaException e = org.junit.jupiter.api.Assertions.assertThrows(LvaException.class,
                    () -> SeedSweep.parse(bad, "--seeds"));
            assertTrue(e.getMessage().startsWith("--seeds " + bad + ": "), e.getMessage());
        }
        // the weights' generator takes a seed's low 32 bits: 0 and 2^32 are one start, not two seeds
        for (String same : List.of("0,4294967296", "0-2,4294967297", "-1,4294967295")) {
            LvaException e = org.junit.jupiter.api.Assertions.assertThrows(LvaException.class,
                    () -> SeedSweep.parse(same, "--seeds"));
            assertTrue(e.getMessage().contains("are the same seed to the weights' generator"), e.getMessage());
        }
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(LvaException.class,
                () -> SeedSweep.parse("0,4294967296", "--seeds")).getMessage().contains("seeds 0 and 4294967296"));
        assertEquals(List.of(0L, 4294967295L), SeedSweep.parse("0,4294967295", "--seeds"));
        Run both = lva("fit", "--data", "x.csv", "--seed", "1", "--seeds", "0,1");
        assertEquals(Lva.EXIT_ERROR, both.exit());
        assertTrue(both.err().startsWith("lva: --seed 1 and --seeds 0,1: give one of them"), both.err());
        assertEquals(2, SeedSweep.parallel(5, 4, 2));
        assertEquals(1, SeedSweep.parallel(5, 2, 4));
        assertEquals(2, SeedSweep.parallel(2, 16, 1));
    }
}
