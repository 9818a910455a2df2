package dev.lva.examples;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.Engine;
import dev.lva.examples.cli.BenchCommand;
import dev.lva.examples.cli.DecodeCommand;
import dev.lva.examples.cli.DemoCommand;
import dev.lva.examples.cli.SynthCommand;
import dev.lva.examples.cli.EncodeCommand;
import dev.lva.examples.cli.FitCommand;
import dev.lva.examples.cli.HelpLayout;
import dev.lva.examples.cli.PluginHelp;
import dev.lva.examples.cli.PluginsCommand;
import dev.lva.examples.cli.ResumeCommand;
import dev.lva.examples.cli.Suggestions;
import dev.lva.examples.course.CourseLaunchers;
import dev.lva.run.LvaRun;
import dev.lva.examples.cli.ComparePenaltiesCommand;
import dev.lva.examples.cli.StudyCommand;
import dev.lva.examples.cli.SweepCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code lva} command: least-volume analysis of your data, the course's launchers, and the
 * benchmark. Errors are one line on stderr and a non-zero exit; {@code --verbose} adds the trace.
 */
@Command(name = "lva", mixinStandardHelpOptions = true, versionProvider = Lva.Version.class,
        description = "Least-volume autoencoders on the JVM: find how many dimensions your data needs.",
        subcommands = {DemoCommand.class, FitCommand.class, EncodeCommand.class, DecodeCommand.class,
                ResumeCommand.class, SweepCommand.class, ComparePenaltiesCommand.class, StudyCommand.class,
                PluginsCommand.class,
                BenchCommand.class, SynthCommand.class, CommandLine.HelpCommand.class})
public final class Lva {
    /** Exit code of a run that failed on bad input or a bad option. */
    public static final int EXIT_ERROR = 1;
    /** Exit code of a command line that does not parse. */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", description = "Print stack traces with errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Option(names = "--threads", description = "Threads for the engine: large products, activations and Adam are cut over them "
                    + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "1", scope = CommandLine.ScopeType.INHERIT)
    int threads;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "A folder of plugin jars to load besides the class path.", scope = CommandLine.ScopeType.INHERIT)
    Path pluginDir;

    private Plugins plugins;
    private URLClassLoader pluginLoader;
    /** The names of lva's commands, which a --plugins folder may share. */
    private java.util.Set<String> commands = java.util.Set.of();
    private PrintWriter err = new PrintWriter(System.err, true);

    /** The native thread count the command line asked for. */
    public int threads() {
        return threads;
    }

    /**
     * Plugins seen by the class path and by the jars of --plugins, discovered once. The plugin loader
     * also becomes the thread's context loader, through which providers resolve the plugin names in
     * their own options (an lvae's regularizer).
     */
    public Plugins plugins() {
        if (plugins == null) {
            ClassLoader base = Lva.class.getClassLoader();
            if (pluginDir != null) {
                pluginLoader = new URLClassLoader(jars(pluginDir), base);
                Thread.currentThread().setContextClassLoader(pluginLoader);
            }
            plugins = Plugins.discover(pluginDir == null ? base : pluginLoader);
        }
        return plugins;
    }

    /** The folder of --plugins, or null. */
    public Path pluginDir() {
        return pluginDir;
    }

    /** Whether {@code c} was loaded from the jars of --plugins (not from the class path). */
    public boolean fromPluginFolder(Class<?> c) {
        return pluginLoader != null && c.getClassLoader() == pluginLoader;
    }

    private void close() {
        if (pluginLoader != null) {
            Thread.currentThread().setContextClassLoader(Lva.class.getClassLoader());
            try {
                pluginLoader.close();
            } catch (IOException e) {
                // the jars stay open until the process ends; nothing is lost
            }
        }
    }

    /**
     * What every run command prints once its results are written, in this order: notes on stderr,
     * the summary on stdout, then the figures and report, whose failures are warnings on stderr (the
     * results are safe by then, so the exit code stays 0).
     */
    public int finish(LvaRun.Result result, PrintWriter out) {
        result.notes().forEach(n -> err.println("lva: note: " + n));
        result.summary().forEach(out::println);
        out.flush();
        LvaRun.Report report = LvaRun.report(result);
        report.warnings().forEach(w -> err.println("lva: warning: " + w));
        err.flush();
        if (report.file() != null) {
            out.println("report: " + report.file());
        }
        return 0;
    }

    /** Applies the global settings; every command calls this first. */
    public void configure() {
        Engine.setThreads(threads);
    }

    private URL[] jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new LvaException("--plugins " + dir + ": not a folder" + (namesACommand(dir)
                    ? "; '" + dir + "' is also the name of a command, but the word after --plugins is always its"
                    + " folder: give the folder first (lva --plugins DIR " + dir + ")" : ""));
        }
        List<URL> urls = new ArrayList<>();
        List<Path> readable = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (p.toString().endsWith(".jar")) {
                    String broken = unreadableJar(p);
                    if (broken != null) {
                        // the class loader would skip it without a word, and its plugins would be "unknown"
                        err.println("lva: warning: --plugins " + dir + ": " + p.getFileName() + " is not a readable jar ("
                                + broken + "); its plugins are not loaded");
                        err.flush();
                        continue;
                    }
                    urls.add(p.toUri().toURL());
                    readable.add(p);
                }
            }
            for (String shared : SharedProviders.in(readable)) {
                err.println("lva: warning: --plugins " + dir + ": " + shared);
            }
            err.flush();
        } catch (MalformedURLException e) {
            throw new LvaException("--plugins " + dir + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return urls.toArray(URL[]::new);
    }

    /** Whether a --plugins folder is written like one of lva's commands ({@code --plugins plugins}). */
    private boolean namesACommand(Path dir) {
        return dir != null && commands.contains(dir.toString());
    }

    /**
     * The message of a command line that took a command's name as the --plugins folder and then had no
     * command ({@code lva --plugins plugins}), or null when that is not what happened.
     */
    String commandTakenAsPluginFolder(CommandLine.ParameterException e) {
        // picocli says "Missing required subcommand" when lva itself is left without a command
        if (!namesACommand(pluginDir) || e.getCommandLine().getCommandSpec().parent() != null
                || !String.valueOf(e.getMessage()).startsWith("Missing required subcommand")) {
            return null;
        }
        return "no command given: --plugins took '" + pluginDir + "' as its folder (the word after --plugins is always"
                + " its folder, even one named like the " + pluginDir + " command); give the folder, then the command:"
                + " lva --plugins DIR " + pluginDir;
    }

    /** Why {@code jar} cannot be read as a jar, or null when it can. */
    private static String unreadableJar(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            j.getManifest();
            return null;
        } catch (IOException | SecurityException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Options that are meant to be given several times: a sweep compares architectures with one
     * --hidden or --channels each, and --conf takes one engine setting each.
     */
    static final java.util.Set<String> REPEATABLE = java.util.Set.of("sweep --hidden", "sweep --channels", "--conf");

    /**
     * Refuses an option given twice: picocli appends the values of a list option ('--channels 4,8
     * --channels 16' trained 4,8,16; a sweep's '--epochs 5 --epochs 1' became an axis), and keeps the
     * last of a single one, either way one of the user's values silently changes meaning.
     */
    static void requireGivenOnce(CommandLine.ParseResult p) {
        String command = p.commandSpec().name();
        for (CommandLine.Model.OptionSpec o : p.matchedOptions()) {
            List<String> given = o.originalStringValues();
            if (given.size() > 1 && !REPEATABLE.contains(o.longestName())
                    && !REPEATABLE.contains(command + " " + o.longestName())) {
                throw new CommandLine.ParameterException(p.commandSpec().commandLine(), o.longestName()
                        + " is given " + given.size() + " times (" + String.join(" and ", given) + "); give it once"
                        + (o.isMultiValue() ? ", its values separated by commas (" + String.join(",", given) + ")"
                        : ""));
            }
        }
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Lva lva = new Lva();
        lva.err = err;
        CommandLine cli = new CommandLine(lva);
        CourseLaunchers.register(cli);
        HelpLayout.install(cli);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // --plugins plugins fit: a folder named like a command is the option's value when one is expected
        cli.setAllowSubcommandsAsOptionParameters(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            boolean verbose = lva.verbose;
            if (e instanceof LvaException || e instanceof UncheckedIOException) {
                err.println("lva: " + e.getMessage());
            } else if (e instanceof IllegalArgumentException) {
                // options records validate in their constructors; a command that builds one directly lands here
                err.println("lva: invalid option: " + e.getMessage());
            } else {
                err.println("lva: unexpected error: " + e);
            }
            if (verbose) {
                e.printStackTrace(err);
            } else if (!(e instanceof LvaException || e instanceof IllegalArgumentException)) {
                err.println("lva: run with --verbose for the stack trace");
            }
            err.flush();
            return EXIT_ERROR;
        });
        cli.setExecutionStrategy(parse -> {
            // picocli lets --help win over words it did not match: 'lva synth --help' printed lva's help and
            // exited 0, as if synth were a command; an unknown word is a usage error, help or not
            for (CommandLine.ParseResult p = parse; p != null; p = p.subcommand()) {
                if (!p.unmatched().isEmpty()) {
                    throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
                }
                requireGivenOnce(p);
            }
            PluginHelp.addTo(parse, lva.pluginDir, lva::plugins, lva::fromPluginFolder);
            return new CommandLine.RunLast().execute(parse);
        });
        lva.commands = java.util.Set.copyOf(cli.getSubcommands().keySet());
        cli.setParameterExceptionHandler((e, a) -> {
            String collision = lva.commandTakenAsPluginFolder(e);
            err.println("lva: " + (collision != null ? collision : Suggestions.message(e)));
            String guess = Suggestions.of(e);
            if (guess != null) {
                err.println("lva: " + guess);
            }
            err.println("lva: see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return EXIT_USAGE;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands Errors through; a model or data set too large is still one readable line
            err.println(outOfMemory(e, Runtime.getRuntime().maxMemory()));
            if (lva.verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return EXIT_ERROR;
        } finally {
            lva.close();
        }
    }

    /** The version from the jar manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lva " + version(), "ND4J " + Engine.nd4jVersion(), "Java " + Runtime.version()};
        }
    }

    public static String version() {
        String v = Lva.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * The line for an out-of-memory error: the heap this JVM really has (it said -Xmx512m under
     * LVA_JAVA_OPTS=-Xmx1g) and how to give it more.
     */
    static String outOfMemory(OutOfMemoryError e, long maxHeap) {
        return "lva: out of memory (" + e.getMessage() + "): the model or the data does not fit; this JVM's heap"
                + " is at most " + (maxHeap >> 20) + " MB (the lva launcher's default is -Xmx512m; LVA_JAVA_OPTS=-Xmx4g"
                + " gives it more)";
    }
}
