package dev.lva.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a library module hands the researcher who depends on it: no JUnit and no logging binding on
 * the runtime class path (pdfbox, under xchart, declared junit-jupiter at compile scope), and no
 * {@code logback.xml} in any jar or class folder there: the command's logging configuration stays in
 * the command. It reads what the parent pom's dependency-plugin executions write into each module's
 * {@code target/} (the verbose dependency tree and the runtime class path), so run it with the
 * modules built: {@code mvn -pl lva-it -am test -Dtest=LibraryDependenciesTest}.
 */
class LibraryDependenciesTest {
    /** A test or logging library at a scope a user of the module inherits, omitted duplicates included. */
    static final Pattern HANDED_ON = Pattern.compile(
            "(junit|org\\.junit[\\w.]*|ch\\.qos\\.logback):[\\w.\\-]+:jar:[^:\\s]+:(compile|runtime)");

    private static Path root() {
        String r = System.getProperty("lva.root");
        return (r != null ? Path.of(r) : Path.of("..")).toAbsolutePath().normalize();
    }

    private static Path built(String module, String file) {
        Path p = root().resolve(module).resolve("target").resolve(file);
        assertTrue(Files.isRegularFile(p), p + " is missing: build the modules first (mvn -pl lva-it -am test"
                + " -Dtest=LibraryDependenciesTest)");
        return p;
    }

    /** The lines of a verbose dependency tree that hand a test or logging library on to the module's users. */
    static List<String> handedOn(List<String> tree) {
        return tree.stream().filter(l -> HANDED_ON.matcher(l).find()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lva-api", "lva-core", "lva-models", "lva-viz", "lva-run", "lva-sweep"})
    void noJunitOrLoggingBindingReachesItsUsers(String module) throws IOException {
        List<String> found = handedOn(Files.readAllLines(built(module, "dependency-tree.txt")));
        assertEquals(List.of(), found, module + " hands these on at compile or runtime scope (exclude them)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lva-api", "lva-core", "lva-models", "lva-viz", "lva-run", "lva-sweep"})
    void noLogbackXmlOnItsRuntimeClassPath(String module) throws IOException {
        List<String> places = new ArrayList<>();
        places.add(root().resolve(module).resolve("target/classes").toString());
        String classPath = Files.readString(built(module, "runtime-classpath.txt")).strip();
        if (!classPath.isEmpty()) {
            places.addAll(List.of(classPath.split(Pattern.quote(File.pathSeparator))));
        }
        List<String> carriers = new ArrayList<>();
        for (String place : places) {
            Path p = Path.of(place);
            if (Files.isDirectory(p)) {
                if (Files.exists(p.resolve("logback.xml"))) {
                    carriers.add(place);
                }
            } else if (Files.isRegularFile(p)) {
                try (ZipFile jar = new ZipFile(p.toFile())) {
                    if (jar.getEntry("logback.xml") != null) {
                        carriers.add(place);
                    }
                }
            }
        }
        assertEquals(List.of(), carriers, module + ": a logback.xml on the runtime class path overrides its users'"
                + " logging configuration");
        // every library needs slf4j-api at least: an empty list would mean the class path was not read
        assertTrue(places.stream().anyMatch(p -> p.contains("slf4j-api")), "the class path was read: " + places);
    }

    /** The check finds what the tree of lva-viz showed before xchart's junit was excluded, and passes tests' own. */
    @Test
    void theTreeCheckFindsATestLibraryAtCompileScope() {
        List<String> tree = List.of(
                "|  |  \\- org.apache.pdfbox:pdfbox:jar:3.0.1:compile",
                "|  |     \\- (org.junit.jupiter:junit-jupiter:jar:5.14.1:compile - version managed from 5.10.1;"
                        + " omitted for duplicate)",
                "+- org.junit.jupiter:junit-jupiter:jar:5.14.1:test (scope not updated to compile)",
                "\\- ch.qos.logback:logback-classic:jar:1.5.18:test",
                "+- ch.qos.logback:logback-classic:jar:1.5.18:runtime");
        assertEquals(List.of(tree.get(1), tree.get(4)), handedOn(tree));
    }
}
