package dev.lva.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The README as a new user follows it: every {@code bash} block runs as written, whole, in the
 * README's order, from one folder laid out like a clone (the {@code lva} script, both built jars,
 * {@code data/}), and a {@code text} block right after a {@code bash} block shows what that block
 * prints (its lines, numbers aside, in order). It lives in lva-it, built after every other module,
 * because the README's blocks run both jars ({@code lva sweep} runs lva-sweep's). lva-examples' ReadmeIT
 * compiles and runs the README's first Java class; {@code .ci/readme-project} builds every class with Maven. {@code sh}
 * blocks are not run here: the test command itself (CI runs it) and templates for a cluster.
 */
class ReadmeIT {
    static final String FASHION = "/usr/share/datasets/fashion-mnist";

    @TempDir
    Path work;

    private static Path root() {
        return Path.of(System.getProperty("lva.root")).toAbsolutePath().normalize();
    }

    /** A fenced block: its language, its text, and the block right after it when nothing but blank lines come between. */
    record Block(String language, String text, int end) {
    }

    static List<Block> blocks(String markdown) {
        List<Block> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```(\\w*)[ \\t]*\\n(.*?)^```[ \\t]*$", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            out.add(new Block(m.group(1), m.group(2), m.end()));
        }
        return out;
    }

    /** The output a bash block is shown to print: the text block that follows it directly, or null. */
    static String shownOutput(String markdown, List<Block> blocks, int i) {
        if (i + 1 >= blocks.size() || !blocks.get(i + 1).language().equals("text")) {
            return null;
        }
        int start = markdown.indexOf("```text", blocks.get(i).end());
        return markdown.substring(blocks.get(i).end(), start).isBlank() ? blocks.get(i + 1).text() : null;
    }

    static String withoutNumbers(String line) {
        return line.strip().replaceAll("[-+]?\\d+(,\\d{3})*(\\.\\d+)?(e[-+]?\\d+)?", "#");
    }

    /** Each shown line, numbers aside, appears in the printed lines, in the order shown. */
    static void printsWhatItShows(String block, String shown, String printed) {
        List<String> actual = printed.lines().map(ReadmeIT::withoutNumbers).toList();
        int at = 0;
        for (String line : shown.lines().filter(l -> !l.isBlank()).toList()) {
            String want = withoutNumbers(line);
            while (at < actual.size() && !actual.get(at).equals(want)) {
                at++;
            }
            assertTrue(at < actual.size(), () -> "the README shows '" + line + "' after\n" + block + "\nbut it printed\n"
                    + printed);
            at++;
        }
    }

    private Path cloneFolder() throws IOException {
        Path dir = work.resolve("clone");
        Files.createDirectories(dir);
        Files.copy(root().resolve("lva"), dir.resolve("lva"));
        assertTrue(dir.resolve("lva").toFile().setExecutable(true));
        for (String linked : List.of("lva-examples", "lva-sweep", "data")) {
            Files.createSymbolicLink(dir.resolve(linked), root().resolve(linked));
        }
        return dir;
    }

    private static Result bash(Path dir, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).directory(dir.toFile());
        pb.environment().remove("OMP_NUM_THREADS"); // the lva script sets it, as for a user
        pb.environment().put("LVA_PROGRESS", "lines");
        Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + "\ndid not finish in 600 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @Test
    void everyBashBlockOfTheReadmeRunsAsWrittenInOrderAndPrintsWhatItShows() throws Exception {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        List<Block> blocks = blocks(readme);
        boolean fashion = Files.isRegularFile(Path.of(FASHION, "train-images-idx3-ubyte.gz"));
        Path dir = cloneFolder();
        int ran = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (!block.language().equals("bash")) {
                continue;
            }
            // Debian's dataset-fashion-mnist (.ci/run installs it); without it those blocks cannot run
            if (!fashion && (block.text().contains(FASHION) || block.text().contains("./lva fashion"))) {
                System.err.println("ReadmeIT: Fashion-MNIST is not installed; left out:\n" + block.text());
                continue;
            }
            Result r = bash(dir, block.text());
            assertEquals(0, r.exit(), () -> block.text() + "\n" + r);
            String shown = shownOutput(readme, blocks, i);
            if (shown != null) {
                printsWhatItShows(block.text(), shown, r.out());
            }
            if (block.text().strip().startsWith("./lva demo")) {
                demoPrintsWhatTheReadmeShows(blocks, r.out());
            }
            ran++;
        }
        assertTrue(ran >= 6, "the README's bash blocks ran: " + ran);

        // what the tour's blocks leave behind
        JsonNode first = new ObjectMapper().readTree(dir.resolve("runs/first/summary.json").toFile());
        assertTrue(first.get("converged").isBoolean());
        assertTrue(Files.isRegularFile(dir.resolve("lva-out/demo-again/report.html")));
        Path table = dir.resolve("runs/curve-sweep/sweep.csv");
        List<String> rows = Files.readAllLines(table);
        assertTrue(rows.size() > 2 && rows.stream().skip(1).allMatch(r -> r.contains(",ok")), String.join("\n", rows));
        assertTrue(Files.isRegularFile(dir.resolve("runs/curve-sweep/report.html")));
    }

    /** The demo's printed lines, but for their numbers, are the README's (the text block that starts with its first line). */
    private static void demoPrintsWhatTheReadmeShows(List<Block> blocks, String out) {
        String shown = blocks.stream().filter(b -> b.language().equals("text") && b.text().startsWith("intrinsic dimension:"))
                .map(Block::text).findFirst().orElseThrow(() -> new AssertionError("the README shows no demo output"));
        assertEquals(shown.lines().map(ReadmeIT::withoutNumbers).toList(), out.lines().map(ReadmeIT::withoutNumbers).toList(),
                out);
    }
}
