package dev.lva.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.Lva;
import dev.lva.examples.sweep.EngineSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a sweep's Spark runs: masters that cannot work are one clear line, not a minute of retries. */
class SparkMasterTest {
    @TempDir
    static Path dir;
    static String csv;

    @BeforeAll
    static void data() throws Exception {
        csv = TestData.curve(dir).toString();
    }

    private static String[] sweep(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", "--data", csv, "--epochs", "5", "--out",
                dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String[] lva(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Lva.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void anUnreachableMasterIsNamedAtOnce() throws Exception {
        int port = StandaloneCluster.freePort();
        String[] r = lva(sweep("--master", "spark://127.0.0.1:" + port));
        assertEquals("1", r[0], r[2]);
        String err = r[2].strip();
        assertTrue(err.startsWith("lva: --master spark://127.0.0.1:" + port + ": no Spark master answers at 127.0.0.1:"
                + port + " (Connection refused) within 3 s"), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written before the engine started");
    }

    @Test
    void mastersThisDriverCannotUseSayWhatToDoInstead() {
        String err = lva(sweep("--master", "yarn"))[2].strip();
        assertTrue(err.startsWith("lva: --master yarn: lva sweep drives Spark itself on local[N] or a standalone cluster"),
                err);
        assertTrue(err.contains("spark-submit"), err);
        err = lva(sweep("--master", "spark://127.0.0.1:notaport"))[2].strip();
        assertTrue(err.startsWith("lva: --master spark://127.0.0.1:notaport: '127.0.0.1:notaport' is not HOST:PORT"), err);
        err = lva(sweep("--parallel", "2", "--master", "local[2]"))[2].strip();
        assertTrue(err.startsWith("lva: --parallel 2 with --master local[2]: the master decides where runs go"), err);
    }

    @Test
    void theEmbeddedMasterGivesEachRunItsThreadsWorthOfCores() {
        SparkConf one = SparkEngine.conf(new EngineSettings(null, 2, 1, Map.of()));
        assertEquals("local[2,2]", one.get("spark.master"));
        assertEquals("1", one.get("spark.task.cpus"));
        assertEquals("127.0.0.1", one.get("spark.driver.host"));
        SparkConf two = SparkEngine.conf(new EngineSettings(null, 3, 2, Map.of("spark.executor.heartbeatInterval", "2s")));
        assertEquals("local[6,2]", two.get("spark.master"), "three runs of two threads take six cores");
        assertEquals("2", two.get("spark.task.cpus"));
        assertEquals("2s", two.get("spark.executor.heartbeatInterval"), "--conf wins");
        assertFalse(two.contains("spark.jars"), "an embedded Spark needs no jars shipped");
    }
}
