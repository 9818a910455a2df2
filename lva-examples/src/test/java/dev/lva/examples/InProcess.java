package dev.lva.examples;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The {@code lva} command run in the test's JVM (no jar, no process), with what it printed. */
public final class InProcess {
    private InProcess() {
    }

    /** An exit code and the two streams. */
    public record Run(int exit, String out, String err) {
    }

    /** Runs {@code lva args...} as {@link Lva#main} would, capturing stdout and stderr. */
    public static Run lva(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Lva.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
