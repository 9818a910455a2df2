package dev.lva.examples.cli;

import dev.lva.core.data.CsvTable;
import dev.lva.examples.Lva;
import dev.lva.examples.run.Codes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lva decode}: data-space rows for latent codes, in the training data's units. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Rows in the training data's units for latent codes (the inverse of encode).")
public final class DecodeCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "CHECKPOINT", description = "OUT/model.zip of a run.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Latent codes (.csv or .npy).")
    Path data;

    @Option(names = "--header", defaultValue = "auto", description = "CSV header: auto, present, absent.")
    CsvTable.Header header;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Rows as .csv or .npy.")
    Path out;

    @Override
    public Integer call() {
        lva.configure();
        Codes codes = Codes.load(model, lva.plugins());
        INDArray x = codes.decode(data, header);
        Codes.write(out, x, codes.dataColumns(), "x");
        spec.commandLine().getOut().println("wrote " + x.rows() + " rows of " + x.columns() + " columns to " + out);
        return 0;
    }
}
