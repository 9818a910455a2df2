package dev.lva.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepRunner;
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

/**
 * Where a sweep's Spark runs: masters that cannot work are one clear line, not a minute of retries.
 * Through the library, as a research program drives it (the command prints the same messages).
 */
class SparkMasterTest {
    @TempDir
    static Path dir;
    static String csv;

    @BeforeAll
    static void data() throws Exception {
        csv = TestData.curve(dir).toString();
    }

    /**
     * What a sweep on the Spark engine with these settings answers, as a research program runs it
     * (check, open, run a small grid), with the {@code lva: } the command puts before an error: a
     * one-element array {exit code, "", stderr} as the command line gives them.
     */
    private static String[] lva(String master, Integer wait, String... conf) {
        Map<String, String> settings = ordered(conf);
        EngineSettings s = new EngineSettings(master, EngineSettings.defaultParallel(1), 1, settings,
                wait == null ? EngineSettings.DEFAULT_MASTER_WAIT_SECONDS : wait);
        SparkEngine spark = new SparkEngine();
        try {
            spark.check(s);
            try (SweepExecutor x = spark.open(s)) {
                SweepRunner.Summary r = SweepRunner.run(TestData.plan(List.of("--data", csv, "--epochs", "5", "--out",
                        dir.resolve("out").toString())), x, 1, new PrintWriter(new StringWriter()));
                return new String[] {r.errors() == 0 ? "0" : "1", "", ""};
            }
        } catch (LvaException e) {
            return new String[] {"1", "", "lva: " + e.getMessage()};
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnreachableMasterIsNamedAtOnce() throws Exception {
        int port = StandaloneCluster.freePort();
        String[] r = lva("spark://127.0.0.1:" + port, null);
        assertEquals("1", r[0], r[2]);
        String err = r[2].strip();
        assertTrue(err.startsWith("lva: --master spark://127.0.0.1:" + port + ": no Spark master answers at 127.0.0.1:"
                + port + " (Connection refused) within 3 s"), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written before the engine started");
    }

    @Test
    void mastersThisDriverCannotUseSayWhatToDoInstead() {
        String err = lva("yarn", null)[2].strip();
        assertTrue(err.startsWith("lva: --master yarn: lva sweep drives Spark itself on local[N] or a standalone cluster"),
                err);
        assertTrue(err.contains("spark-submit"), err);
        err = lva("spark://127.0.0.1:notaport", null)[2].strip();
        assertTrue(err.startsWith("lva: --master spark://127.0.0.1:notaport: '127.0.0.1:notaport' is not HOST:PORT"), err);
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

    /** Something that is not a Spark master, listening on a loopback port until closed. */
    private interface Listener extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }

    /** A web server that answers every request with {@code page}, or with 404 when there is none. */
    private static Listener webServer(String page) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (page == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return new Listener() {
            public int port() {
                return server.getAddress().getPort();
            }

            public void close() {
                server.stop(0);
            }
        };
    }

    /** A plain TCP listener that accepts connections and never says a word. */
    private static Listener silent() throws Exception {
        java.net.ServerSocket socket = new java.net.ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"));
        List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread accept = new Thread(() -> {
            try {
                while (true) {
                    held.add(socket.accept());
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }, "silent-listener");
        accept.setDaemon(true);
        accept.start();
        return new Listener() {
            public int port() {
                return socket.getLocalPort();
            }

            public void close() throws Exception {
                socket.close();
                for (java.net.Socket s : held) {
                    s.close();
                }
                accept.join(5000);
            }
        };
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            a web server       | a web server answers there ('HTTP/1.1 404 Not Found'), not a Spark master
            a silent listener  | something accepts connections there but did not answer Spark's handshake within 2 s (--master-wait SECONDS to wait longer)
            a master's web UI  | that is the web UI of the Spark master spark://127.0.0.1:7077; give --master spark://127.0.0.1:7077
            """)
    @org.junit.jupiter.api.Timeout(120)
    void aPortWhereSomethingElseListensIsNamedWithWhatIsThere(String what, String expected) throws Exception {
        // the page a standalone master's web UI shows: its title names the URL to give instead
        try (Listener l = what.equals("a web server") ? webServer(null) : what.equals("a master's web UI")
                ? webServer("<html><head><title>Spark Master at spark://127.0.0.1:7077</title></head></html>")
                : silent()) {
            String url = "spark://127.0.0.1:" + l.port();
            String[] r = lva(url, 2);
            assertEquals("1", r[0], r[2]);
            String err = r[2].strip();
            assertEquals("lva: --master " + url + ": no Spark master at 127.0.0.1:" + l.port() + ": " + expected,
                    err.lines().reduce((a, b) -> b).orElse("").replaceFirst("; a master's URL is .*", ""), err);
            assertEquals(1, err.lines().count(), "one line: " + err);
        }
        assertFalse(Files.exists(dir.resolve("out")), "nothing written before the engine started");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            no cores           | --master local[0]                         | lva: --master local[0]: no cores to run on; local, local[N] (N cores), local[*] (all of them) or local[N,F] (F tries per task) with N >= 1
            not a number       | --master local[abc]                       | lva: --master local[abc]: not a Spark master; an embedded one is local, local[N]
            no tries           | --master local[2,0]                       | lva: --master local[2,0]: a task needs at least one try
            no such serializer | --conf spark.serializer=org.example.Fast  | lva: --conf spark.serializer=org.example.Fast: no such class on the class path; Spark's are org.apache.spark.serializer.KryoSerializer and org.apache.spark.serializer.JavaSerializer
            not a serializer   | --conf spark.serializer=java.lang.String  | lva: --conf spark.serializer=java.lang.String: not a Spark serializer
            more cpus per task | --conf spark.task.cpus=64                 | lva: --conf spark.task.cpus=64: each run takes 64 cores, but local[
            a size that is not | --conf spark.executor.memory=lots         | lva: --conf spark.executor.memory=lots: Size must be specified as bytes (b)
            a number that is not | --conf spark.task.maxFailures=many      | lva: --conf spark.task.maxFailures=many: spark.task.maxFailures should be int, but was many
            a master by --conf | --conf spark.master=local[0]              | lva: --conf spark.master=local[0]: give the master as --master local[0]
            """)
    void sparkSettingsThatCannotWorkAreOneLineBeforeSparkStarts(String what, String args, String expected) {
        String[] words = args.strip().split(" ", 2);
        String[] r = words[0].equals("--master") ? lva(words[1], null) : lva(null, null, words[1].split("=", 2));
        assertEquals("1", r[0], what + ": " + r[2]);
        String err = r[2].strip();
        assertTrue(err.startsWith(expected), what + ": " + err);
        assertEquals(1, err.lines().count(), what + ": one line: " + err);
        assertFalse(Files.exists(dir.resolve("out")), what + ": nothing written before the engine started");
    }

    @Test
    void aSparkThatFailsToStartIsOneLine() throws Exception {
        // this test's own listener holds the port the driver is told to take, with no second try
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String[] r = lva(null, null, "spark.driver.port", Integer.toString(taken.getLocalPort()),
                    "spark.port.maxRetries", "0");
            assertEquals("1", r[0], r[2]);
            String err = r[2].strip();
            assertTrue(err.startsWith("lva: --conf spark.driver.port=" + taken.getLocalPort() + ": Spark did not start:"
                    + " Address already in use: Service 'sparkDriver' failed"), err);
            assertEquals(1, err.lines().count(), "one line, not Spark's stack trace: " + err);
        }
    }

    @Test
    void settingsSparkWouldIgnoreAreWarnedAboutOthersAreNot() {
        assertEquals(List.of(), SparkSettings.warnings(Map.of()));
        assertEquals(List.of(
                "--conf spark.exector.memory: Spark 3.5.9 knows no such setting (did you mean spark.executor.memory?);"
                        + " it is passed on unused",
                "--conf executor.memory: not a Spark setting (their names start with spark.); Spark ignores it"),
                SparkSettings.warnings(ordered("spark.exector.memory", "2g", "executor.memory", "2g",
                        "spark.executor.memory", "2g", "spark.port.maxRetries", "3", "spark.hadoop.fs.x", "y",
                        "spark.executorEnv.OMP_NUM_THREADS", "1")));
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
