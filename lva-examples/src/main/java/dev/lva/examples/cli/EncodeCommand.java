package dev.lva.examples.cli;

import dev.lva.core.data.ImageFiles;
import dev.lva.examples.Lva;
import dev.lva.examples.run.Codes;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ModelFiles files;

    @Option(names = "--layout", paramLabel = "nchw|nhwc", description = "How a rank-4 .npy or IDX of images is"
            + " ordered: nchw (N x C x H x W) or nhwc (N x H x W x C, channels last) (default: as the model's"
            + " training images were read).")
    String layout;

    @Override
    public Integer call() {
        lva.configure();
        files.requireSeparateOutput();
        INDArray z = Codes.load(files.model, lva.plugins()).encode(files.data, files.columns(), files.header,
                layout == null ? null : ImageFiles.Layout.parse(layout));
        Codes.write(files.out, z, List.of(), "z", System.err);
        spec.commandLine().getOut().println("wrote " + z.rows() + " codes of " + z.columns() + " dimensions to "
                + files.out);
        return 0;
    }
}
