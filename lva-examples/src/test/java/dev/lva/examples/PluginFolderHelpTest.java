package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.InProcess.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lva --plugins DIR CMD --help} shows what the folder's jars bring: their names among an
 * option's choices and each plugin's option keys; and a folder named like a command is said to be one.
 * The plugin jar is compiled here, from sources of the test's own, so that it is on no class path but
 * the folder's.
 */
class PluginFolderHelpTest {
    @TempDir
    static Path dir;
    private static Path folder;

    private static final String PENALTY = """
            package test.plugin;
            import dev.lva.api.Regularizer;
            import dev.lva.api.plugin.RegularizerProvider;
            import org.nd4j.linalg.api.ndarray.INDArray;
            public final class PowerPenalty implements RegularizerProvider<PowerPenalty.Opts> {
                public record Opts(double lambda, double power) { }
                public String name() { return "power-penalty"; }
                public String description() { return "sum |z|^power over the code (the test's own)"; }
                public Opts defaultOptions() { return new Opts(0.01, 2.0); }
                public Regularizer create(Opts o) {
                    return new Regularizer() {
                        public Target target() { return Target.ACTIVATION; }
                        public double lambda() { return o.lambda(); }
                        public double value(INDArray x) { return 0; }
                        public double valueAndGradient(INDArray x, INDArray g, double scale) { return 0; }
                    };
                }
            }
            """;

    private static final String POLICY = """
            package test.plugin;
            import dev.lva.api.PruningPolicy;
            import dev.lva.api.plugin.PruningPolicyProvider;
            public final class NeverPrune implements PruningPolicyProvider<NeverPrune.Opts> {
                public record Opts(int patience) { }
                public String name() { return "never-prune"; }
                public String description() { return "prunes nothing (the test's own)"; }
                public Opts defaultOptions() { return new Opts(3); }
                public PruningPolicy create(Opts o) { return stds -> new boolean[stds.length]; }
            }
            """;

    @BeforeAll
    static void pluginJarInAFolder() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/test/plugin"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src.resolve("PowerPenalty.java"), PENALTY);
        Files.writeString(src.resolve("NeverPrune.java"), POLICY);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("PowerPenalty.java").toString(), src.resolve("NeverPrune.java").toString());
        assertEquals(0, rc, "the test's plugin compiles");
        folder = Files.createDirectories(dir.resolve("plugin-folder"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(folder.resolve("own.jar")))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    put(jar, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
            put(jar, "META-INF/services/dev.lva.api.plugin.RegularizerProvider",
                    "test.plugin.PowerPenalty\n".getBytes(StandardCharsets.UTF_8));
            put(jar, "META-INF/services/dev.lva.api.plugin.PruningPolicyProvider",
                    "test.plugin.NeverPrune\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(bytes);
        jar.closeEntry();
    }

    @Test
    void fitHelpListsTheFoldersPluginsAndTheirOptions() {
        Run r = lva("--plugins", folder.toString(), "fit", "--help");
        assertEquals(0, r.exit(), r::toString);
        String flat = r.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("with NAME one of cov-volume, hoyer, l1-std, l2, lasso, power-penalty, student-t, volume"), flat);
        assertTrue(flat.contains("with NAME one of lognorm, never-prune, none, pca-cdf, plummet"), flat);
        List<String> lines = r.out().lines().map(String::strip).toList();
        int heading = lines.indexOf("Plugins of --plugins, as specs with their options' defaults:");
        assertTrue(heading >= 0, r.out());
        assertEquals(List.of("regularizer power-penalty:lambda=0.01,power=2.0",
                "sum |z|^power over the code (the test's own)", "pruning policy never-prune:patience=3",
                "prunes nothing (the test's own)"), lines.subList(heading + 1, heading + 5), r.out());
    }

    @Test
    void withoutTheFolderItsPluginsAreNotListed() {
        lva("--plugins", folder.toString(), "fit", "--help");
        Run r = lva("fit", "--help");
        assertEquals(0, r.exit(), r::toString);
        assertFalse(r.out().contains("power-penalty") || r.out().contains("Plugins of"), r.out());
    }

    @Test
    void aFolderWithoutPluginsSaysSo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-folder"));
        Run r = lva("--plugins", empty.toString(), "sweep", "--help");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("Plugins of --plugins") && r.out().contains("none: the folder's jars declare no"
                + " provider"), r.out());
    }

    @Test
    void helpWithAFolderThatIsNotOneIsAnError() {
        Run r = lva("--plugins", dir.resolve("nowhere").toString(), "fit", "--help");
        assertEquals(Lva.EXIT_ERROR, r.exit(), r::toString);
        assertTrue(r.err().startsWith("lva: --plugins " + dir.resolve("nowhere") + ": not a folder"), r.err());
    }

    /** 'lva --plugins plugins' took the command's name as the folder, then had no command. */
    @Test
    void aCommandsNameTakenAsTheFolderIsSaid() {
        Run r = lva("--plugins", "plugins");
        assertEquals(Lva.EXIT_USAGE, r.exit(), r::toString);
        assertTrue(r.err().startsWith("lva: no command given: --plugins took 'plugins' as its folder (the word after"
                + " --plugins is always its folder, even one named like the plugins command); give the folder, then"
                + " the command: lva --plugins DIR plugins"), r.err());
        Run missing = lva("--plugins", "plugins", "plugins");
        assertEquals(Lva.EXIT_ERROR, missing.exit(), missing::toString);
        assertTrue(missing.err().startsWith("lva: --plugins plugins: not a folder; 'plugins' is also the name of a"
                + " command, but the word after --plugins is always its folder: give the folder first (lva --plugins"
                + " DIR plugins)"), missing.err());
    }
}
