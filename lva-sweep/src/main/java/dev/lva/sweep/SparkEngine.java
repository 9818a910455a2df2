package dev.lva.sweep;

import dev.lva.api.LvaException;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepEngine;
import dev.lva.run.sweep.SweepExecutor;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Apache Spark as a sweep engine: embedded in the process by default ({@code local[N]}, nothing to
 * install), or the driver of a standalone cluster ({@code --master spark://host:7077}), whose
 * executors get lva's jars from the driver. One Spark task per grid point.
 */
public final class SparkEngine implements SweepEngine {
    /** How long to try to reach a standalone master before saying it is not there. */
    static final int CONNECT_MILLIS = 3000;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String description() {
        return "Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ": embedded, or a cluster with --master";
    }

    @Override
    public List<String> check(EngineSettings settings) {
        conf(settings);
        return SparkSettings.warnings(settings.conf());
    }

    @Override
    public SweepExecutor open(EngineSettings settings) {
        SparkConf conf = conf(settings);
        String master = conf.get("spark.master");
        if (master.startsWith("spark://")) {
            MasterProbe.require(master, conf, settings.masterWaitSeconds());
        }
        JavaSparkContext sc;
        // Spark logs a failed start with its stack trace before it throws; the sweep says it in one line
        Object[] quiet = MasterProbe.quiet("org.apache.spark.SparkContext");
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) {
            // Spark throws SparkException (checked in Java's eyes, undeclared) as well as runtime ones
            throw new LvaException(SparkSettings.startFailure(master, settings.conf(), e), e);
        } finally {
            MasterProbe.restore(quiet);
        }
        if (sc.sc().isStopped()) {
            throw new LvaException("--master " + master + ": Spark stopped while starting (see its log above)");
        }
        return new SparkExecutor(sc, isLocal(master), settings.threads());
    }

    static SparkConf conf(EngineSettings settings) {
        // spark-submit passes its --master as a system property: a sweep it launched runs where it says
        String submitted = System.getProperty("spark.master");
        String master = settings.master() != null ? settings.master().strip()
                : submitted != null ? submitted : "local[" + settings.parallel() + ",2]";
        boolean local = isLocal(master);
        if (local) {
            SparkSettings.checkLocalMaster(master);
        }
        if (!local && !master.startsWith("spark://") && submitted == null) {
            throw new LvaException("--master " + master + ": lva sweep drives Spark itself on local[N] or a standalone"
                    + " cluster (spark://HOST:PORT); for YARN or Kubernetes submit lva-sweep's jar with spark-submit"
                    + " (see the README)");
        }
        if (master.startsWith("spark://")) {
            requireReachable(master);
        }
        // defaults only: what spark-submit or --conf says wins
        SparkConf conf = new SparkConf().setMaster(master).setIfMissing("spark.app.name", "lva sweep")
                .setIfMissing("spark.ui.enabled", "false")
                // checkpoints of running runs travel with the heartbeats: a few seconds apart
                .setIfMissing("spark.executor.heartbeatInterval", "5s")
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
                // a run trains with this many engine threads: Spark then gives it as many cores
                .set("spark.task.cpus", Integer.toString(settings.threads()));
        if (local) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            if (settings.threads() > 1 && master.matches("local\\[\\d+(,\\d+)?]")) {
                // local[N] counts cores: N runs of T threads need N * T of them
                String[] nf = master.substring(6, master.length() - 1).split(",");
                int n = Integer.parseInt(nf[0]) * settings.threads();
                conf.setMaster("local[" + n + (nf.length > 1 ? "," + nf[1] : "") + "]");
            }
        }
        SparkSettings.check(settings.conf());
        settings.conf().forEach(conf::set);
        if (local) {
            SparkSettings.checkTaskCpus(conf, settings.conf());
        }
        if (!local && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            List<String> jars = lvaJars();
            if (!jars.isEmpty()) {
                conf.set("spark.jars", String.join(",", jars));
            }
        }
        return conf;
    }

    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** Fails within seconds, naming the address, when no master listens there (Spark itself retries for a minute). */
    static void requireReachable(String master) {
        String hosts = master.substring("spark://".length());
        List<String> tried = new ArrayList<>();
        for (String hostPort : hosts.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new LvaException("--master " + master + ": '" + hostPort + "' is not HOST:PORT");
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                // InetSocketAddress has looked the name up; Socket.connect would only say "(HOST)"
                tried.add(host + ":" + port + " (the host name is unknown: no address found for it)");
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(address, CONNECT_MILLIS);
                return;
            } catch (IOException e) {
                tried.add(host + ":" + port + " (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")");
            }
        }
        throw new LvaException("--master " + master + ": no Spark master answers at " + String.join(", ", tried)
                + " within " + CONNECT_MILLIS / 1000 + " s; is it running (sbin/start-master.sh), and is the address"
                + " the one its log names?");
    }

    /**
     * The jars a cluster's executors need: those on this process's class path except Spark's own
     * (which the cluster has), that is lva-sweep.jar and lva-sweep/target/lib.
     */
    static List<String> lvaJars() {
        Path sparkDir = jarOf(SparkContext.class);
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (entry.toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(p)
                    && (sparkDir == null || !p.getParent().equals(sparkDir))) {
                out.add(p.toUri().toString());
            }
        }
        return out;
    }

    private static Path jarOf(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
