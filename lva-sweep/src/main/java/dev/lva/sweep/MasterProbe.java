package dev.lva.sweep;

import dev.lva.api.LvaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEndpointNotFoundException;
import org.apache.spark.rpc.RpcEnv;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Asks a {@code spark://} address whether a Spark master is there before Spark starts. Spark itself,
 * given a port where something else listens (a web server, the master's web UI), retries for over a
 * minute and then fails with a stopped context; this asks once, as Spark's own client does (the
 * master's RPC endpoint), waits a bounded time, and when no master answers says what does.
 */
final class MasterProbe {
    /** Seconds for a second look, over HTTP, at what answered instead of a master. */
    private static final int LOOK_MILLIS = 2000;
    private static final Pattern WEB_UI_MASTER = Pattern.compile("Spark Master at (spark://[^<\"\\s]+)");

    private MasterProbe() {
    }

    /** Returns when a master answers at one of the URL's addresses; throws one line naming what was found. */
    static void require(String master, SparkConf conf, int waitSeconds) {
        List<String> found = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            String what = probe(host, port, conf, waitSeconds);
            if (what == null) {
                return;
            }
            found.add(what);
        }
        throw new LvaException("--master " + master + ": " + String.join("; ", found));
    }

    /** Null when a master answers at host:port, else what is there instead. */
    static String probe(String host, int port, SparkConf conf, int waitSeconds) {
        String at = "no Spark master at " + host + ":" + port + ": ";
        Throwable failure;
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lva-master-probe");
            t.setDaemon(true);
            return t;
        });
        Object[] quiet = quiet("org.apache.spark.network", "org.apache.spark.rpc");
        try {
            RpcEnv env;
            try {
                env = client(conf, waitSeconds);
            } catch (RuntimeException e) {
                // the probe could not be set up (an authentication setting, say): Spark, starting, says why
                return null;
            }
            Future<?> ask = thread.submit(() -> {
                try {
                    env.setupEndpointRef(new RpcAddress(host, port), "Master");
                } finally {
                    env.shutdown();
                }
                return null;
            });
            // Spark's lookup timeout bounds the ask; this bounds it again should Spark hang elsewhere
            ask.get(waitSeconds + 5L, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (TimeoutException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LvaException("--master: interrupted while asking " + host + ":" + port + " for a Spark master");
        } finally {
            thread.shutdownNow();
            restore(quiet);
        }
        if (causedBy(failure, RpcEndpointNotFoundException.class)) {
            return at + "a Spark process answers there, but not a master (a worker's or a driver's port?)";
        }
        String look = look(host, port);
        if (look != null) {
            return at + look;
        }
        if (timedOut(failure)) {
            return at + "something accepts connections there but did not answer Spark's handshake within "
                    + waitSeconds + " s (--master-wait SECONDS to wait longer)";
        }
        return at + "the server there does not speak Spark's protocol (" + message(failure) + ")";
    }

    /**
     * A client of Spark's RPC, as a driver has, that waits {@code waitSeconds} for an answer. Looking
     * up the master's endpoint is what a driver does first, and a master answers it at once.
     */
    private static RpcEnv client(SparkConf userConf, int waitSeconds) {
        SparkConf conf = userConf.clone().set("spark.rpc.lookupTimeout", waitSeconds + "s")
                .set("spark.rpc.askTimeout", waitSeconds + "s");
        SecurityManager security = new SecurityManager(conf, Option.empty(),
                org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE_DRIVER());
        return RpcEnv.create("lvaMasterProbe", conf.get("spark.driver.host", "localhost"), 0, conf, security, true);
    }

    /**
     * A second look at what answered instead of a master, as a web browser would: a web server names
     * itself by its status line, and a Spark master's web UI by the master URL it shows.
     */
    private static String look(String host, int port) {
        byte[] answer;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), LOOK_MILLIS);
            s.setSoTimeout(LOOK_MILLIS);
            s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + host + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            answer = read(s.getInputStream());
        } catch (IOException e) {
            return null;
        }
        if (answer.length == 0) {
            return null;
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        Matcher ui = WEB_UI_MASTER.matcher(text);
        if (ui.find()) {
            return "that is the web UI of the Spark master " + ui.group(1) + "; give --master " + ui.group(1);
        }
        String first = text.lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7e]", "?").strip();
        first = first.length() > 60 ? first.substring(0, 57) + "..." : first;
        if (first.startsWith("HTTP/")) {
            return "a web server answers there ('" + first + "'), not a Spark master; a master's URL is the"
                    + " spark://HOST:PORT its log names (port 7077 unless set)";
        }
        return "a server that is not a Spark master answers there ('" + first + "')";
    }

    /** Up to 64 KiB, until the server closes the connection or pauses. */
    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; out.size() < 65536 && (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // what arrived before the pause is the answer
        }
        return out.toByteArray();
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable t) {
        return causedBy(t, TimeoutException.class) || causedBy(t, org.apache.spark.rpc.RpcTimeoutException.class);
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    /**
     * Spark's network layer logs a failed handshake with a stack trace; the probe reports it in one
     * line, so those loggers are off while it asks. Through reflection, as logback (lva's logger) is
     * only on the run-time class path; with another logger they stay as they are.
     */
    static Object[] quiet(String... names) {
        Object[] saved = new Object[names.length * 2];
        for (int i = 0; i < names.length; i++) {
            Object logger = LoggerFactory.getLogger(names[i]);
            try {
                Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
                Object before = logger.getClass().getMethod("getLevel").invoke(logger);
                logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("OFF").get(null));
                saved[2 * i] = logger;
                saved[2 * i + 1] = before;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not logback: Spark's lines stay
            }
        }
        return saved;
    }

    static void restore(Object[] saved) {
        for (int i = 0; i < saved.length; i += 2) {
            Object logger = saved[i];
            if (logger == null) {
                continue;
            }
            try {
                Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
                logger.getClass().getMethod("setLevel", level).invoke(logger, saved[i + 1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // as quiet() found it: nothing was changed
            }
        }
    }
}
