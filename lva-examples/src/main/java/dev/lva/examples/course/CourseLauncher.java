package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.examples.Lva;
import dev.lva.viz.Figure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every course launcher shares: the global settings of the {@code lva} command, the output
 * folder ({@code --out}, by default {@code lva-out/} and the command's name), results printed to the command's out
 * writer, and figures saved as PNG into the output folder.
 */
public abstract class CourseLauncher implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder for the figures (default: lva-out/${COMMAND-NAME}).")
    Path out;

    @Override
    public final Integer call() {
        lva.configure();
        Path dir = out == null ? Path.of("lva-out", spec.name()) : out;
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + dir + ": " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        try {
            run(w, dir);
        } catch (RuntimeException | Error e) {
            // a launch refused before it wrote anything leaves no empty folder of its own making behind
            removeIfEmpty(dir, created, e);
            throw e;
        }
        w.printf(Locale.ROOT, "done in %.1f s; figures in %s%n", (System.nanoTime() - t0) / 1e9, dir);
        w.flush();
        return 0;
    }

    private static void removeIfEmpty(Path dir, boolean created, Throwable failure) {
        if (!created) {
            return;
        }
        try (java.util.stream.Stream<Path> in = Files.list(dir)) {
            if (in.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Runs the section, printing to {@code out} and writing figures into {@code dir} (which exists). */
    protected abstract void run(PrintWriter out, Path dir);

    /** Fails with a one-line error when a count option is below 1 (picocli checks types, not ranges). */
    protected static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new LvaException(option + " must be at least 1, got " + value);
        }
    }

    /** Saves {@code figure} as {@code dir/fileName} (a .png name) and says so. */
    protected static Path save(PrintWriter out, Path dir, String fileName, Figure figure) {
        Path file = figure.save(dir.resolve(fileName));
        out.println("wrote " + file);
        return file;
    }
}
