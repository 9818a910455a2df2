package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.core.data.CsvTable;
import dev.lva.run.Codes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The options encode and decode share: the trained model, the file to read, the file to write. A
 * command writes only the files its options name, in the format their extensions say, and replaces
 * none that exists unless told to ({@code --overwrite}): the user's files are theirs.
 */
public final class ModelFiles {
    @Option(names = "--model", required = true, paramLabel = "CHECKPOINT", description = "OUT/model.zip of a run.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "encode: the rows (.csv or .npy), or for a"
            + " model of images the images (IDX, a .npy of rank 3 or 4, a folder of PNG/JPEG); decode: the codes (.csv"
            + " or .npy, columns z0, z1, ... as encode writes them).")
    Path data;

    @Option(names = "--header", defaultValue = "auto", description = "CSV header: auto, present, absent.")
    CsvTable.Header header;

    @Option(names = "--columns", split = ",", paramLabel = "NAME|INDEX",
            description = "Columns to use, in the model's order (default: those of the model's names, by name).")
    List<String> columns;

    @Option(names = "--limit", paramLabel = "N", description = "Use the first N rows (images, codes) of --data (default: 0, all).")
    Integer limit;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write; its extension"
            + " chooses the format.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the files to write if they exist (without it, an existing"
            + " file is refused and left as it is).")
    boolean overwrite;

    /** The selected columns, or empty for the model's own. */
    List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    /** {@code --limit}, 0 for all rows (as lva fit's). */
    int limit() {
        if (limit != null && limit < 0) {
            throw new LvaException("--limit " + limit + ": must be >= 0 (0 = all rows)");
        }
        return limit == null ? 0 : limit;
    }

    /** Refuses an --out that is the --data or --model file (also through a link): writing it would destroy it. */
    void requireSeparateOutput() {
        requireSeparate("--out", out);
    }

    /** Refuses {@code file} (given as {@code option}) when it is the --data or --model file. */
    void requireSeparate(String option, Path file) {
        refuseSame(option, file, "--data", data);
        refuseSame(option, file, "--model", model);
    }

    /**
     * The format of {@code file} (given as {@code option}) by its extension, one of {@code accepted};
     * anything else is refused with the accepted ones, so that a file never holds what its name does
     * not say.
     */
    static Codes.Format format(String option, Path file, Set<Codes.Format> accepted, String why) {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new LvaException(option + " " + file + ": is a folder; " + option + " names the file to write ("
                    + why + " " + accepted.stream().map(a -> "." + a.name().toLowerCase(java.util.Locale.ROOT))
                    .sorted().collect(java.util.stream.Collectors.joining(" or ")) + ")");
        }
        Codes.Format f = Codes.Format.of(file);
        if (f == null || !accepted.contains(f)) {
            throw new LvaException(option + " " + file + ": " + (f == null ? "unknown extension '"
                    + Codes.extension(file) + "'" : "not a " + f.extension() + " file here") + "; " + why + " "
                    + names(accepted));
        }
        return f;
    }

    /** {@code .csv or .npy}; {@code .csv, .npy or .png}. */
    static String names(Set<Codes.Format> formats) {
        List<String> e = EnumSet.copyOf(formats).stream().map(Codes.Format::extension).collect(Collectors.toList());
        return e.size() == 1 ? e.get(0) : String.join(", ", e.subList(0, e.size() - 1)) + " or " + e.get(e.size() - 1);
    }

    /**
     * Refuses to write {@code file} when something is there already, unless --overwrite; a folder is
     * never replaced. Checked before the work, so a refused command costs nothing.
     */
    void requireWritable(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new LvaException(option + " " + file + " is a folder; give a file name");
        }
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new LvaException(option + " " + file + " exists; add --overwrite to replace it");
        }
    }

    private static void refuseSame(String option, Path file, String inputOption, Path input) {
        try {
            if (Files.exists(file) && Files.exists(input) && Files.isSameFile(file, input)) {
                throw new LvaException(option + " " + file + " is the " + inputOption + " file " + input
                        + "; writing would overwrite it (give another " + option + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + option + " " + file + " with " + inputOption + " "
                    + input + ": " + e.getMessage(), e);
        }
    }
}
