package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.core.data.CsvTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options encode and decode share: the trained model, the file to read, the file to write. */
public final class ModelFiles {
    @Option(names = "--model", required = true, paramLabel = "CHECKPOINT", description = "OUT/model.zip of a run.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Input rows (.csv or .npy), or for a model"
            + " of images the images (IDX, a .npy of rank 3 or 4, a folder of PNG/JPEG), padded as in training.")
    Path data;

    @Option(names = "--header", defaultValue = "auto", description = "CSV header: auto, present, absent.")
    CsvTable.Header header;

    @Option(names = "--columns", split = ",", paramLabel = "NAME|INDEX",
            description = "Columns to use, in the model's order (default: those of the model's names, by name).")
    List<String> columns;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output as .csv or .npy (decoded images:"
            + " N x C x H x W, with a PNG grid of the first ones beside it).")
    Path out;

    /** The selected columns, or empty for the model's own. */
    List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    /** Refuses an --out that is the --data or --model file (also through a link): writing it would destroy it. */
    void requireSeparateOutput() {
        refuseSame("--data", data);
        refuseSame("--model", model);
    }

    private void refuseSame(String option, Path input) {
        try {
            if (Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input)) {
                throw new LvaException("--out " + out + " is the " + option + " file " + input
                        + "; writing would overwrite it (give another --out)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare --out " + out + " with " + option + " " + input + ": "
                    + e.getMessage(), e);
        }
    }
}
