package dev.lva.examples.course;

import picocli.CommandLine;

/** The launchers of the course's sections, added to the {@code lva} command as subcommands. */
public final class CourseLaunchers {
    private CourseLaunchers() {
    }

    public static void register(CommandLine lva) {
    }
}
