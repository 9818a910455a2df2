package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The README's library section as a new user follows it: the Java class of the models' section
 * ({@code FindDimension}) compiles and runs against the modules the pom it shows declares; that pom
 * names modules and versions this build has. {@code .ci/readme-project} builds every class the README
 * shows (the run library's too) with Maven itself, and lva-it's ReadmeIT
 * runs every bash block of the README (it needs both jars, and lva-sweep's is built last).
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

    @Test
    void theJavaClassCompilesAndRunsAgainstTheModulesThePomDeclares() throws Exception {
        String readme = readme();
        // the class of the models' section (the run library's classes need lva-run: .ci/readme-project builds them)
        List<String> java = blocks(readme, "java").stream().filter(b -> b.contains("public class FindDimension"))
                .toList();
        assertEquals(1, java.size(), "one class FindDimension to compile: " + java);
        List<String> xml = blocks(readme, "xml").stream().filter(b -> b.contains("<project")).toList();
        assertEquals(1, xml.size(), "one whole pom: " + xml);
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
