package dev.lva.sweep;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JVMs the tests start on the tests' own class path: a Spark master and workers, a sweep's driver. */
final class JavaProcesses {
    private JavaProcesses() {
    }

    /** The tests' class path as entries (Surefire hands the forked JVM a manifest-only jar otherwise). */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The options Spark needs on Java 17 (from the pom, as the lva script passes them). */
    static List<String> sparkJavaOptions() {
        String opts = System.getProperty("lva.spark.java.options", "");
        List<String> out = new ArrayList<>();
        for (String o : opts.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                out.add(o);
            }
        }
        return out;
    }

    /** Starts {@code mainClass} with its output in {@code log}. */
    static Process start(String mainClass, List<String> args, String heap, Map<String, String> env, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(sparkJavaOptions());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.nd4j.log.initialization=false");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Kills a process and everything it started (a worker's executors), and waits for it. */
    static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
