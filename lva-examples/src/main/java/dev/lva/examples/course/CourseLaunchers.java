package dev.lva.examples.course;

import picocli.CommandLine;

/** The launchers of the course's sections, added to the {@code lva} command as subcommands. */
public final class CourseLaunchers {
    private CourseLaunchers() {
    }

    public static void register(CommandLine lva) {
        lva.addSubcommand(new RegressionLauncher());
        lva.addSubcommand(new MlpLauncher());
        lva.addSubcommand(new ActivationsLauncher());
        lva.addSubcommand(new AutoencoderLauncher());
        lva.addSubcommand(new LvaLauncher());
        lva.addSubcommand(new DigitsLauncher());
        lva.addSubcommand(new FashionLauncher());
        lva.addSubcommand(new BlobsLauncher());
    }
}
