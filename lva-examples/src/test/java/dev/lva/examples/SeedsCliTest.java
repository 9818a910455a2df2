package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.LvaException;
import dev.lva.examples.run.SeedRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lva fit --seeds}: one run per seed, side by side, each as it would be alone, and what they agree on. */
class SeedsCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run lva(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Lva.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

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
        JsonNode json = new ObjectMapper().readTree(dir.resolve("seeds/" + SeedRuns.SEEDS_FILE).toFile());
        assertEquals(3, json.get("runs").size());
        assertTrue(Files.size(dir.resolve("seeds/fig-01-sorted-latent-stds-of-every-seed.png")) > 1000,
                "the sorted stds of every seed in one figure");
        assertTrue(Files.readString(dir.resolve("seeds/report.html")).contains("consensus"));

        // seed 1 among others gives what seed 1 alone gives, to the digit
        Run alone = lva("fit", "--data", csv, "--epochs", "60", "--hidden", "8,8", "--seed", "1", "--out",
                dir.resolve("alone").toString());
        assertEquals(0, alone.exit(), alone.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("alone/summary.json").toFile());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("seeds/seed-1/summary.json").toFile());
        assertEquals(a.get("stds_sorted"), b.get("stds_sorted"));
        assertEquals(a.get("reconstruction_mse"), b.get("reconstruction_mse"));
        assertEquals(json.get("runs").get(1).get("stds_sorted"), b.get("stds_sorted"));
    }

    @Test
    void seedListsAreReadAsWrittenAndBadOnesRefusedByName() {
        assertEquals(List.of(0L, 1L, 2L, 7L), SeedRuns.parse("0-2,7", "--seeds"));
        assertEquals(List.of(5L, 3L), SeedRuns.parse("5, 3", "--seeds"));
        for (String bad : List.of("1", "a,b", "3-1", "1,1", "0-5000")) {
            LvaException e = org.junit.jupiter.api.Assertions.assertThrows(LvaException.class,
                    () -> SeedRuns.parse(bad, "--seeds"));
            assertTrue(e.getMessage().startsWith("--seeds " + bad + ": "), e.getMessage());
        }
        Run both = lva("fit", "--data", "x.csv", "--seed", "1", "--seeds", "0,1");
        assertEquals(Lva.EXIT_ERROR, both.exit());
        assertTrue(both.err().startsWith("lva: --seed 1 and --seeds 0,1: give one of them"), both.err());
        assertEquals(2, SeedRuns.parallel(5, 4, 2));
        assertEquals(1, SeedRuns.parallel(5, 2, 4));
        assertEquals(2, SeedRuns.parallel(2, 16, 1));
    }
}
