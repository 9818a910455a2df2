package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.data.ImageStreaming;
import dev.lva.examples.Lva;
import dev.lva.run.Codes;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
        description = {"Latent codes of a data file's rows, scaled as the model's training data was.",
                "Writes --out only: .csv (columns z0, z1, ...) or .npy (N x latent)."})
public final class EncodeCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelFiles files;

    @Option(names = "--pad-to", paramLabel = "SIDE", description = "Pad (with zeros) or centre-crop images to SIDE x"
            + " SIDE first, as lva fit --pad-to does (default: as stored; images of another shape than the model's"
            + " are refused, never framed unasked).")
    Integer padTo;

    @Option(names = "--layout", paramLabel = "nchw|nhwc", description = "How a rank-4 .npy or IDX of images is"
            + " ordered: nchw (N x C x H x W) or nhwc (N x H x W x C, channels last) (default: as the model's"
            + " training images were read).")
    String layout;

    @Option(names = "--stream", paramLabel = "auto|always|never", description = "Accepted as lva fit's, but encode"
            + " reads its images into memory (auto or never); always is refused (read fewer with --limit).")
    String stream;

    @Override
    public Integer call() {
        lva.configure();
        files.requireSeparateOutput();
        ModelFiles.format("--out", files.out, EnumSet.of(Codes.Format.CSV, Codes.Format.NPY), "encode writes codes as");
        files.requireWritable("--out", files.out);
        if (padTo != null && padTo < 1) {
            throw new LvaException("--pad-to " + padTo + ": must be >= 1 (leave it out for images as stored)");
        }
        if (stream != null && ImageStreaming.parse(stream) == ImageStreaming.Mode.ALWAYS) {
            // codes are computed from every image in memory; reading by rows is lva fit's (and resume's)
            throw new LvaException("--stream always: lva encode reads its data into memory and reads no images from"
                    + " their file a batch at a time; give --stream auto or never, and encode fewer with --limit N");
        }
        int limit = files.limit();
        Codes codes = Codes.load(files.model, lva.plugins());
        INDArray z = codes.encode(files.data, files.columns(), files.header, limit, padTo == null ? 0 : padTo,
                layout == null ? null : ImageFiles.Layout.parse(layout));
        Codes.write(files.out, z, List.of(), "z", ProgressDisplay.on(System.err));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + z.rows() + " codes of " + z.columns() + " dimensions to " + files.out);
        if (limit == 0 && codes.trainedLimit() > 0 && z.rows() > codes.trainedLimit()) {
            // a run on the first 1,000 images, then encode on the file: 60,000 codes the user may not want
            PrintWriter err = spec.commandLine().getErr();
            err.println(String.format(Locale.ROOT, "lva: note: encoded all %,d rows of %s; the model trained on the"
                    + " first %,d (--limit N encodes the first N)", z.rows(), files.data, codes.trainedLimit()));
            err.flush();
        }
        return 0;
    }
}
