package dev.lva.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code lva} jar as a separate process, as a user would, and captures what it prints. */
final class LvaProcess {
    /** Exit code, stdout and stderr of one run. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Path jar() {
        String path = System.getProperty("lva.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("the lva jar is not built (lva.jar=" + path + "); run mvn verify");
        }
        return Path.of(path);
    }

    static Path pluginJar() {
        return Path.of(System.getProperty("lva.plugin.jar"));
    }

    static Path data(String name) {
        return Path.of(System.getProperty("lva.data"), name);
    }

    /** {@code lva args...} started and left running, its output going to files in {@code workDir}. */
    static Process start(Path workDir, String... args) throws IOException {
        ProcessBuilder pb = builder(workDir, List.of(), args);
        pb.redirectOutput(Files.createTempFile(workDir, "out", ".txt").toFile())
                .redirectError(Files.createTempFile(workDir, "err", ".txt").toFile());
        return pb.start();
    }

    private static ProcessBuilder builder(Path workDir, List<Path> extraClassPath, String... args) {
        StringBuilder cp = new StringBuilder(jar().toString());
        for (Path p : extraClassPath) {
            cp.append(java.io.File.pathSeparator).append(p);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", cp.toString(),
                "dev.lva.examples.Lva"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb;
    }

    /** {@code java -cp <lva.jar>[:extra] dev.lva.examples.Lva args...} with a bounded run time. */
    static Result run(Path workDir, List<Path> extraClassPath, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = builder(workDir, extraClassPath, args);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lva " + String.join(" ", args) + " did not finish in 240 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private LvaProcess() {
    }
}
