package dev.lva.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The library modules stay libraries: what a researcher's own project gets by depending on
 * {@code lva-run} (or a cluster's executors by running {@code lva-sweep}) is neither the command line
 * ({@code lva-examples}, picocli, the progress bar) nor a logging binding, which would fight the
 * project's own. Read from the modules' poms: their dependencies at compile and runtime scope (where
 * the parent's dependency management gives no other scope), followed through lva's own modules.
 * {@code .ci/readme-project} checks the same of the resolved tree ({@code mvn dependency:tree}) of a
 * project that depends on the installed {@code lva-run}. The jars (here: what the build put on this
 * test's class path) carry no logback configuration, which would configure a user's logback.
 */
class ModuleBoundariesTest {
    /** groupId:artifactId of what no library module may bring at compile or runtime scope. */
    static final Set<String> FORBIDDEN = Set.of(
            "dev.lva:lva-examples",
            "info.picocli:picocli",
            "me.tongfei:progressbar",
            "ch.qos.logback:logback-classic",
            "ch.qos.logback:logback-core",
            "org.slf4j:slf4j-simple",
            "org.slf4j:slf4j-reload4j",
            "org.slf4j:slf4j-log4j12",
            "org.slf4j:slf4j-jdk14",
            "org.slf4j:slf4j-nop",
            "org.apache.logging.log4j:log4j-slf4j-impl",
            "org.apache.logging.log4j:log4j-slf4j2-impl");

    /** The library modules and a class of each, to find the jar (or classes folder) the build made of it. */
    static final Map<String, String> LIBRARY_CLASSES = new LinkedHashMap<>();

    static {
        LIBRARY_CLASSES.put("lva-api", "dev.lva.api.LvaException");
        LIBRARY_CLASSES.put("lva-core", "dev.lva.core.Engine");
        LIBRARY_CLASSES.put("lva-models", "dev.lva.models.LeastVolumeAutoencoder");
        LIBRARY_CLASSES.put("lva-viz", "dev.lva.viz.Figure");
        LIBRARY_CLASSES.put("lva-run", "dev.lva.run.LvaRun");
    }

    private static Path root() {
        return Path.of(System.getProperty("lva.root", "..")).toAbsolutePath().normalize();
    }

    /** One declared dependency: who declares it, and its coordinates and scope. */
    record Dependency(String groupId, String artifactId, String scope) {
        String key() {
            return groupId + ":" + artifactId;
        }
    }

    @Test
    void theRunLibraryAndTheSparkEngineBringNoCommandLineAndNoLoggingBinding() throws Exception {
        for (String module : List.of("lva-run", "lva-sweep")) {
            List<String> found = new ArrayList<>();
            reach(module, module, new ArrayList<>(), found);
            assertEquals(List.of(), found, module + " brings what only the command line may bring, at compile or"
                    + " runtime scope (the path through lva's modules, then the dependency)");
        }
    }

    @Test
    void theWalkThroughThePomsSeesWhatTheCommandBrings() throws Exception {
        // the check above would pass on a parser that finds nothing: the command itself must fail it
        List<String> found = new ArrayList<>();
        reach("lva-examples", "lva-examples", new ArrayList<>(), found);
        assertTrue(found.contains("lva-examples -> info.picocli:picocli (compile)"), found.toString());
        assertTrue(found.contains("lva-examples -> ch.qos.logback:logback-classic (runtime)")
                || found.contains("lva-examples -> ch.qos.logback:logback-classic (compile)"), found.toString());
    }

    @Test
    void theSparkEngineIsFoundThroughTheRunLibrarysInterface() {
        assertTrue(Files.isRegularFile(root().resolve(
                        "lva-sweep/src/main/resources/META-INF/services/dev.lva.run.sweep.SweepEngine")),
                "lva-sweep's service file names lva-run's SweepEngine");
    }

    @Test
    void theRunLibraryAndTheSparkEngineUseNoClassOfTheCommandLine() throws IOException {
        List<String> uses = new ArrayList<>();
        for (String module : List.of("lva-run", "lva-sweep")) {
            Path src = root().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).strip();
                        boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
                        // (a binding used by name where present, as lva-sweep quiets logback's, is no dependency)
                        if (!comment && (line.contains("dev.lva.examples") || line.contains("picocli.")
                                || line.contains("me.tongfei"))) {
                            uses.add(root().relativize(f) + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), uses);
    }

    @Test
    void theLibraryJarsCarryNoLoggingConfiguration() throws Exception {
        for (Map.Entry<String, String> e : LIBRARY_CLASSES.entrySet()) {
            Class<?> c = Class.forName(e.getValue(), false, getClass().getClassLoader());
            Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            // the jar or classes folder the build made of that module, not a copy from elsewhere
            assertTrue(where.toString().contains(e.getKey()), e.getKey() + " was found at " + where);
            List<String> logback = new ArrayList<>();
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where)) {
                    files.filter(p -> isLogbackConfig(p.getFileName().toString()))
                            .forEach(p -> logback.add(where.relativize(p).toString()));
                }
            } else {
                try (ZipFile jar = new ZipFile(where.toFile())) {
                    jar.stream().filter(z -> isLogbackConfig(Path.of(z.getName()).getFileName().toString()))
                            .forEach(z -> logback.add(z.getName()));
                }
            }
            assertEquals(List.of(), logback, e.getKey() + " (" + where + ") carries a logback configuration");
        }
    }

    private static boolean isLogbackConfig(String name) {
        return name.equals("logback.xml") || name.equals("logback-test.xml") || name.equals("logback.groovy");
    }

    /**
     * Adds to {@code found} each forbidden dependency {@code module} declares at compile or runtime
     * scope, and walks on into the lva modules it declares so.
     */
    private static void reach(String module, String path, List<String> seen, List<String> found) throws Exception {
        if (seen.contains(module)) {
            return;
        }
        seen.add(module);
        Map<String, String> managedScopes = managedScopes();
        for (Dependency d : declared(root().resolve(module).resolve("pom.xml"))) {
            String scope = d.scope() != null ? d.scope() : managedScopes.getOrDefault(d.key(), "compile");
            if (!scope.equals("compile") && !scope.equals("runtime")) {
                continue;
            }
            if (FORBIDDEN.contains(d.key())) {
                found.add(path + " -> " + d.key() + " (" + scope + ")");
            }
            if (d.groupId().equals("dev.lva") && Files.isRegularFile(root().resolve(d.artifactId()).resolve("pom.xml"))) {
                reach(d.artifactId(), path + " -> " + d.artifactId(), seen, found);
            }
        }
    }

    /** The scopes the parent pom's dependency management sets, by groupId:artifactId. */
    private static Map<String, String> managedScopes() throws Exception {
        Document pom = parse(root().resolve("pom.xml"));
        Map<String, String> scopes = new LinkedHashMap<>();
        Element management = child(pom.getDocumentElement(), "dependencyManagement");
        if (management != null) {
            for (Dependency d : dependencies(child(management, "dependencies"))) {
                if (d.scope() != null) {
                    scopes.put(d.key(), d.scope());
                }
            }
        }
        return scopes;
    }

    /** The dependencies a module's pom declares (not those of its dependency management). */
    static List<Dependency> declared(Path pomFile) throws Exception {
        Document pom = parse(pomFile);
        List<Dependency> out = dependencies(child(pom.getDocumentElement(), "dependencies"));
        assertTrue(!out.isEmpty(), pomFile + " declares no dependencies: the walk would check nothing");
        return out;
    }

    private static List<Dependency> dependencies(Element dependencies) {
        List<Dependency> out = new ArrayList<>();
        if (dependencies == null) {
            return out;
        }
        NodeList nodes = dependencies.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element d && d.getTagName().equals("dependency")) {
                String groupId = text(d, "groupId");
                String artifactId = text(d, "artifactId");
                if (groupId.equals("${project.groupId}")) {
                    groupId = "dev.lva";
                }
                out.add(new Dependency(groupId, artifactId, child(d, "scope") == null ? null : text(d, "scope")));
            }
        }
        return out;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }
}
