package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README as a new user follows it: every {@code ./lva} line of its {@code bash} blocks runs as
 * written, in order, from a fresh folder laid out like the repository (the {@code lva} script, the
 * built jar, {@code data/}); the Java class compiles and runs against the modules the pom it shows
 * declares; that pom names modules and versions this build has. {@code .ci/readme-project} builds the
 * same pom and class with Maven itself.
 */
class ReadmeIT {
    @TempDir
    Path work;

    static Path root() {
        return Path.of(System.getProperty("lva.data")).toAbsolutePath().normalize().getParent();
    }

    static String readme() throws IOException {
        return Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
    }

    /** The fenced blocks of one language, in order. */
    static List<String> blocks(String markdown, String language) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*```" + language + "\\s*\\n(.*?)^\\s*```\\s*$", Pattern.DOTALL)
                .matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** README lines this test leaves to others (see {@link #everyCommandOfTheReadmeRunsAsWrittenInOrder}). */
    static final Pattern LATER = Pattern.compile("\\./lva (sweep|compare-penalties|fashion|blobs)\\b");

    /** The {@code ./lva} command lines of the bash blocks, continuation lines joined. */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        for (String block : blocks(markdown, "bash")) {
            StringBuilder current = null;
            for (String line : block.split("\n")) {
                String t = line.strip();
                if (current == null && t.startsWith("./lva ")) {
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

    /** A folder laid out like a clone: the script, the built jar (linked, so nothing is rebuilt), the data. */
    private Path cloneFolder() throws IOException {
        Path dir = work.resolve("clone");
        Files.createDirectories(dir);
        Files.copy(root().resolve("lva"), dir.resolve("lva"));
        dir.resolve("lva").toFile().setExecutable(true);
        Files.createSymbolicLink(dir.resolve("lva-examples"), root().resolve("lva-examples"));
        Files.createSymbolicLink(dir.resolve("data"), root().resolve("data"));
        return dir;
    }

    private static LvaProcess.Result bash(Path dir, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("LVA_PROGRESS", "lines");
        Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 300 s");
        }
        return new LvaProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void everyCommandOfTheReadmeRunsAsWrittenInOrder() throws Exception {
        String readme = readme();
        // lva sweep and compare-penalties run lva-sweep's jar, built after this module: lva-sweep's
        // ReadmeSweepIT runs those lines; the image launchers take minutes as written, and
        // ImageLaunchersTest runs them on small settings
        // the image lines read Debian's dataset-fashion-mnist (.ci/run installs it); without it they are left
        boolean fashion = Files.isRegularFile(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));
        List<String> commands = commands(readme).stream().filter(c -> !LATER.matcher(c).lookingAt())
                .filter(c -> fashion || !c.contains("/usr/share/datasets/fashion-mnist")).toList();
        assertTrue(commands.size() >= 8, "the README's ./lva lines: " + commands);
        assertTrue(commands.get(0).startsWith("./lva demo"), commands.get(0));
        Path dir = cloneFolder();
        for (String command : commands) {
            LvaProcess.Result r = bash(dir, command);
            assertEquals(0, r.exit(), () -> command + "\n" + r);
            if (command.startsWith("./lva demo")) {
                demoPrintsWhatTheReadmeShows(readme, r.out());
            }
        }
        // the resume went into the run's own folder and ended where the run had ended
        JsonNode first = new ObjectMapper().readTree(dir.resolve("runs/first/summary.json").toFile());
        assertTrue(first.get("converged").isBoolean());
        assertTrue(Files.isRegularFile(dir.resolve("codes.csv")) && Files.isRegularFile(dir.resolve("rows.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("lva-out/demo-again/report.html")));
        if (fashion) {
            // the image run, its codes, and the decoded images with their grid
            assertTrue(Files.isRegularFile(dir.resolve("runs/fashion/report.html")));
            assertTrue(Files.isRegularFile(dir.resolve("codes.npy")) && Files.isRegularFile(dir.resolve("images.png")));
        }
    }

    /** The demo's printed lines, but for their numbers, are the README's. */
    private static void demoPrintsWhatTheReadmeShows(String readme, String out) {
        String shown = blocks(readme, "text").stream().filter(b -> b.startsWith("intrinsic dimension:")).findFirst()
                .orElseThrow(() -> new AssertionError("the README shows no demo output"));
        List<String> expected = shown.lines().map(ReadmeIT::withoutNumbers).toList();
        List<String> actual = out.lines().map(ReadmeIT::withoutNumbers).toList();
        assertEquals(expected, actual, out);
    }

    private static String withoutNumbers(String line) {
        return line.replaceAll("[-+]?\\d+(\\.\\d+)?(e[-+]?\\d+)?", "#");
    }

    @Test
    void theJavaClassCompilesAndRunsAgainstTheModulesThePomDeclares() throws Exception {
        String readme = readme();
        List<String> java = blocks(readme, "java").stream().filter(b -> b.contains("public class ")).toList();
        assertEquals(1, java.size(), "one class to compile: " + java);
        List<String> xml = blocks(readme, "xml");
        assertEquals(1, xml.size());
        String pom = xml.get(0);

        // the modules it declares are this build's, and so are the versions of the compiler and SLF4J binding
        String parent = Files.readString(root().resolve("pom.xml"));
        String version = match(parent, "<artifactId>lva-parent</artifactId>\\s*<version>([^<]+)</version>");
        List<String> modules = new ArrayList<>();
        Matcher dep = Pattern.compile("<groupId>dev\\.lva</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>"
                + "([^<]+)</version>").matcher(pom);
        while (dep.find()) {
            modules.add(dep.group(1));
            assertEquals(version, dep.group(2), dep.group(1));
            assertTrue(Files.isDirectory(root().resolve(dep.group(1))), dep.group(1) + " is not a module");
        }
        assertEquals(List.of("lva-api", "lva-core", "lva-models"), modules);
        assertEquals(match(parent, "<artifactId>maven-compiler-plugin</artifactId>\\s*<version>([^<]+)</version>"),
                match(pom, "<artifactId>maven-compiler-plugin</artifactId>\\s*<version>([^<]+)</version>"));
        assertEquals(match(parent, "<slf4j.version>([^<]+)</slf4j.version>"),
                match(pom, "<artifactId>slf4j-simple</artifactId>\\s*<version>([^<]+)</version>"),
                "the binding of the slf4j-api the modules use");

        // compiled against exactly those modules and their dependencies (not lva-examples)
        Path src = work.resolve("src/FindDimension.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, java.get(0));
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        String classPath = libraryClassPath();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", classPath, src.toString());
        assertEquals(0, rc, "the README's class compiles");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classes + File.pathSeparator + classPath, "FindDimension",
                root().resolve("data/ae3d.csv").toString()).directory(work.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path out = work.resolve("out.txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "FindDimension finished");
        String printed = Files.readString(out);
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("intrinsic dimension: 1 of 3 latent dimensions (rule: explained reconstruction"
                + " >= 1%)"), printed);
        assertTrue(printed.contains("convergence: converged at epoch"), printed);
    }

    /**
     * The jars of lva-api, lva-core, lva-models and their dependencies (what the README's pom pulls in;
     * logback stands in for its SLF4J binding).
     */
    private static String libraryClassPath() throws IOException {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(root().resolve("lva-examples/target/lib"))) {
            lib.map(Path::toString).filter(p -> p.endsWith(".jar"))
                    .filter(p -> !p.contains("lva-viz") && !p.contains("picocli") && !p.contains("progressbar")
                            && !p.contains("xchart"))
                    .sorted().forEach(jars::add);
        }
        return String.join(File.pathSeparator, jars);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }
}
