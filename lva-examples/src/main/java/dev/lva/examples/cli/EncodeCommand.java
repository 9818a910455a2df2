package dev.lva.examples.cli;

import dev.lva.core.data.CsvTable;
import dev.lva.examples.Lva;
import dev.lva.examples.run.Codes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lva encode}: latent codes of new rows with a trained model. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Latent codes of a data file's rows, scaled as the model's training data was.")
public final class EncodeCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "CHECKPOINT", description = "OUT/model.zip of a run.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Rows to encode (.csv or .npy).")
    Path data;

    @Option(names = "--columns", split = ",", description = "Columns to use (default: the training run's).")
    List<String> columns;

    @Option(names = "--header", defaultValue = "auto", description = "CSV header: auto, present, absent.")
    CsvTable.Header header;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Codes as .csv or .npy.")
    Path out;

    @Override
    public Integer call() {
        lva.configure();
        INDArray z = Codes.load(model, lva.plugins()).encode(data, columns == null ? List.of() : columns, header);
        Codes.write(out, z, List.of(), "z");
        spec.commandLine().getOut().println("wrote " + z.rows() + " codes of " + z.columns() + " dimensions to " + out);
        return 0;
    }
}
