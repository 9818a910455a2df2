package dev.lva.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code ./lva sweep} lines as a new user runs them: through the {@code lva} script and
 * the packaged lva-sweep jar, in order, from a folder laid out like a clone. (lva-examples' ReadmeIT
 * runs the README's other lines; this jar is built after it.) The second line, the same sweep from
 * its YAML file, finds every run finished and trains none.
 */
class ReadmeSweepIT {
    @TempDir
    Path work;

    private static Path root() {
        return Path.of(System.getProperty("lva.root")).toAbsolutePath().normalize();
    }

    /** The {@code ./lva sweep} lines of the README's bash blocks, continuation lines joined; and the YAML it shows. */
    private static List<String> sweepCommands(String readme) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```bash\\s*\\n(.*?)^```\\s*$", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            StringBuilder current = null;
            for (String line : m.group(1).split("\n")) {
                String t = line.strip();
                if (current == null && t.startsWith("./lva sweep ")) {
                    current = new StringBuilder();
                }
                if (current != null) {
                    boolean continues = t.endsWith("\\");
                    current.append(continues ? t.substring(0, t.length() - 1) : t).append(' ');
                    if (!continues) {
                        out.add(current.toString().strip());
                        current = null;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theReadmesSweepLinesRunAsWrittenInOrder() throws Exception {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        List<String> commands = sweepCommands(readme);
        assertEquals(2, commands.size(), commands.toString());
        Matcher yaml = Pattern.compile("(?m)^```yaml\\s*\\n(# sweep\\.yaml.*?)^```\\s*$", Pattern.DOTALL).matcher(readme);
        assertTrue(yaml.find(), "the README shows sweep.yaml");

        Path dir = work.resolve("clone");
        Files.createDirectories(dir);
        Files.copy(root().resolve("lva"), dir.resolve("lva"));
        assertTrue(dir.resolve("lva").toFile().setExecutable(true));
        for (String linked : List.of("lva-examples", "lva-sweep", "data")) {
            Files.createSymbolicLink(dir.resolve(linked), root().resolve(linked));
        }
        Files.writeString(dir.resolve("sweep.yaml"), yaml.group(1));

        String first = run(dir, commands.get(0));
        Path table = dir.resolve("sweeps/curve/sweep.csv");
        List<String> rows = Files.readAllLines(table);
        int runs = gridSize(commands.get(0));
        assertEquals(runs + 1, rows.size(), "a header and a row per run: " + rows);
        assertTrue(rows.stream().skip(1).allMatch(r -> r.contains(",ok")), String.join("\n", rows));
        assertTrue(Files.isRegularFile(dir.resolve("sweeps/curve/report.html")), first);

        String again = run(dir, commands.get(1));
        assertTrue(again.contains("(" + runs + " finished before, 0 resumed)"), again);
        assertEquals(rows, Files.readAllLines(table), "the re-run from the YAML changes nothing");
    }

    /** The product of the list lengths of --regularizer, --lambda and --seeds (a range a-b counts b-a+1). */
    private static int gridSize(String command) {
        int n = 1;
        for (String option : List.of("--regularizer", "--lambda", "--seeds")) {
            Matcher m = Pattern.compile(option + " (\\S+)").matcher(command);
            assertTrue(m.find(), option + " in " + command);
            String v = m.group(1);
            Matcher range = Pattern.compile("(\\d+)-(\\d+)").matcher(v);
            n *= range.matches() ? Integer.parseInt(range.group(2)) - Integer.parseInt(range.group(1)) + 1
                    : v.split(",").length;
        }
        return n;
    }

    private static String run(Path dir, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("LVA_PROGRESS", "lines");
        Path out = dir.resolve("out.txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 300 s");
        }
        String printed = Files.readString(out);
        assertEquals(0, p.exitValue(), command + "\n" + printed);
        return printed;
    }
}
