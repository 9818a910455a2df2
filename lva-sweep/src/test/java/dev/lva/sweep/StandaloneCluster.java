package dev.lva.sweep;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on the loopback interface: a master and workers, each its own JVM
 * started from the Spark jars on the tests' class path (nothing downloaded), one core each. The
 * workers start their executors as further JVMs. Closing kills them all.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final int webPort;
    private Process master;
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.webPort = freePort();
    }

    /** Starts a master and {@code n} workers and waits until the master counts them alive. */
    static StandaloneCluster start(Path dir, int n) throws Exception {
        StandaloneCluster c = new StandaloneCluster(dir);
        try {
            c.startAll(n);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void startAll(int n) throws Exception {
        // a worker builds its executors' class path from SPARK_HOME/jars, which must exist; the jars
        // themselves come from spark.executor.extraClassPath, the tests' class path
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", "127.0.0.1");
        master = JavaProcesses.start("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(webPort)), "256m", env, dir.resolve("master.log"));
        for (int i = 0; i < n; i++) {
            workers.add(JavaProcesses.start("org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1",
                    "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir",
                    Files.createDirectories(dir.resolve("work-" + i)).toString(), url()), "256m", env,
                    dir.resolve("worker-" + i + ".log")));
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (aliveWorkers() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not come up within " + START.toSeconds() + " s; master"
                        + " log:\n" + Files.readString(dir.resolve("master.log")));
            }
            if (!master.isAlive()) {
                throw new IllegalStateException("the master died:\n" + Files.readString(dir.resolve("master.log")));
            }
            Thread.sleep(500);
        }
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** The master's count of alive workers, from its JSON status page; 0 while it does not answer. */
    int aliveWorkers() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + webPort + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(r.body());
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Kills worker {@code i} and its executors, as a machine that goes down. */
    void killWorker(int i) {
        JavaProcesses.kill(workers.get(i));
    }

    String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                sb.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        workers.forEach(JavaProcesses::kill);
        JavaProcesses.kill(master);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
