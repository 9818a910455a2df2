package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.examples.InProcess.Run;
import dev.lva.run.OutputFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code lva fit} does with its output folder: an earlier run there is never lost, a second
 * run into it at the same time is refused, and figures come after the results they show.
 */
class OutputFolderCliTest {
    @TempDir
    static Path dir;
    private static Path csv;

    @BeforeAll
    static void data() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
        }
        csv = Files.writeString(dir.resolve("good.csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    private static Run fit(Path out, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", "--data", csv.toString(),
                "--epochs", "20", "--checkpoint-every", "7", "--out", out.toString()));
        args.addAll(java.util.List.of(more));
        if (!args.contains("--hidden")) {
            args.addAll(java.util.List.of("--hidden", "8")); // an option is given once
        }
        return InProcess.lva(args.toArray(String[]::new));
    }

    /** Every file under {@code out} (the lock file aside) with its bytes. */
    private static Map<String, byte[]> contents(Path out) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals(OutputFolder.LOCK_FILE)) {
                    files.put(out.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k + " changed"));
    }

    @Test
    void anEarlierRunIsRefusedAndAFailingReplacementLeavesItAsItWas() throws IOException {
        Path out = dir.resolve("earlier");
        Run first = fit(out);
        assertEquals(0, first.exit(), first.toString());
        Map<String, byte[]> before = contents(out);
        assertTrue(before.containsKey("checkpoints/checkpoint-00000014.zip"), before.keySet().toString());

        Run again = fit(out);
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().startsWith("lva: output folder " + out + " holds an earlier run (model.zip, "), again.err());
        assertTrue(again.err().contains("add --overwrite to replace it"), again.err());
        assertSameFiles(before, contents(out));

        // before: the new run deleted the earlier checkpoints first, and failing it left neither run
        Run failing = fit(out, "--overwrite", "--lr", "1000", "--hidden", "48,48,48,48");
        assertEquals(1, failing.exit(), failing.toString());
        assertTrue(failing.err().contains("the earlier run in " + out + " is as it was"), failing.err());
        Map<String, byte[]> after = contents(out);
        after.keySet().removeIf(k -> k.startsWith("checkpoints/" + OutputFolder.FAILED_RUN));
        assertSameFiles(before, after);

        Run replacing = fit(out, "--overwrite", "--seed", "3");
        assertEquals(0, replacing.exit(), replacing.toString());
        assertFalse(Files.exists(out.resolve("checkpoints").resolve(OutputFolder.EARLIER_RUN)));
        assertFalse(java.util.Arrays.equals(before.get("model.zip"), Files.readAllBytes(out.resolve("model.zip"))),
                "the new run's model replaced the earlier one");
    }

    @Test
    void aFolderInUseByAnotherRunIsRefusedUntilItIsReleased() {
        Path out = dir.resolve("busy");
        try (OutputFolder held = OutputFolder.open(out)) {
            Run second = fit(out);
            assertEquals(1, second.exit(), second.toString());
            assertTrue(second.err().startsWith("lva: output folder " + out + " is in use by another lva run"),
                    second.err());
            assertTrue(held.earlierRun().isEmpty(), "the refused run wrote nothing");
        }
        Run after = fit(out);
        assertEquals(0, after.exit(), after.toString());
    }

    @Test
    void theModelFileIsTheFinalModelAndAReportThatCannotBeWrittenIsAWarning() throws IOException {
        Path out = dir.resolve("no-report");
        // a folder where report.html should go: the report cannot be written, the results must not suffer
        Files.createDirectories(out.resolve("report.html").resolve("in-the-way"));
        Run r = fit(out, "--overwrite");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("intrinsic dimension: "), r.out());
        assertFalse(r.out().contains("report: "), r.out());
        assertTrue(r.err().contains("lva: warning: the report could not be made ("), r.err());
        for (String f : new String[] {"model.zip", "summary.json", "latent.csv", "config.yaml"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(20, CheckpointFile.read(out.resolve("model.zip")).step(), "model.zip holds the last step");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"steps\" : 20"));
    }
}
