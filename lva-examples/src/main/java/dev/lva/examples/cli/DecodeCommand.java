package dev.lva.examples.cli;

import dev.lva.examples.Lva;
import dev.lva.examples.run.Codes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ModelFiles files;

    @Override
    public Integer call() {
        lva.configure();
        files.requireSeparateOutput();
        Codes codes = Codes.load(files.model, lva.plugins());
        INDArray x = codes.decode(files.data, files.columns(), files.header);
        List<Path> written = codes.writeDecoded(files.out, x, System.err);
        spec.commandLine().getOut().println("wrote " + x.rows() + " rows of " + x.columns() + " columns to "
                + files.out + (codes.imageShape() == null ? "" : " (images of " + codes.imageShape() + "; a grid of"
                + " the first ones in " + written.get(written.size() - 1) + ")"));
        return 0;
    }
}
