package dev.lva.examples.cli;

import dev.lva.core.data.CsvTable;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options encode and decode share: the trained model, the file to read, the file to write. */
public final class ModelFiles {
    @Option(names = "--model", required = true, paramLabel = "CHECKPOINT", description = "OUT/model.zip of a run.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Input rows (.csv or .npy).")
    Path data;

    @Option(names = "--header", defaultValue = "auto", description = "CSV header: auto, present, absent.")
    CsvTable.Header header;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output as .csv or .npy.")
    Path out;
}
