package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.examples.Lva;
import dev.lva.run.Codes;
import dev.lva.core.nn.Shape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lva decode}: data-space rows for latent codes, in the training data's units. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Rows in the training data's units for latent codes (the inverse of encode).",
                "Writes --out only (and --grid when given): .csv rows, .npy rows (for a model of images N x C x H x W),"
                        + " or for a model of images .png, a grid of the first 100 images on the [0, 1] pixel scale,"
                        + " at the size the run read them (padding from --pad-to cut off)."})
public final class DecodeCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelFiles files;

    @Option(names = "--grid", paramLabel = "FILE.png", description = "Also draw the first 100 decoded images into this"
            + " PNG (a model of images only).")
    Path grid;

    @Override
    public Integer call() {
        lva.configure();
        files.requireSeparateOutput();
        Codes codes = Codes.load(files.model, lva.plugins());
        boolean images = codes.imageShape() != null;
        EnumSet<Codes.Format> accepted = images ? EnumSet.allOf(Codes.Format.class)
                : EnumSet.of(Codes.Format.CSV, Codes.Format.NPY);
        String what = images ? "decode writes images as" : "decode writes the rows of this model (a table) as";
        ModelFiles.format("--out", files.out, accepted, what);
        files.requireWritable("--out", files.out);
        if (grid != null) {
            if (!images) {
                throw new LvaException("--grid " + grid + ": the model (from " + files.model + ") decodes rows of a"
                        + " table, not images; leave --grid out");
            }
            ModelFiles.format("--grid", grid, EnumSet.of(Codes.Format.PNG), "--grid draws a");
            files.requireSeparate("--grid", grid);
            if (grid.toAbsolutePath().normalize().equals(files.out.toAbsolutePath().normalize())) {
                throw new LvaException("--grid " + grid + " is the --out file; give two names");
            }
            files.requireWritable("--grid", grid);
        }
        INDArray x = codes.decode(files.data, files.columns(), files.header, files.limit());
        List<Path> written = codes.writeDecoded(files.out, grid, x, ProgressDisplay.on(System.err));
        PrintWriter out = spec.commandLine().getOut();
        for (Path p : written) {
            if (Codes.Format.of(p) == Codes.Format.PNG) {
                Shape shown = codes.gridShape();
                out.println("drew " + (x.rows() > Codes.GRID_IMAGES ? "the first " + Codes.GRID_IMAGES + " of " : "")
                        + x.rows() + " decoded images (" + text(shown) + (shown.equals(codes.imageShape()) ? ""
                        : ", the padding of --pad-to cut off") + ") in " + p);
            } else {
                out.println("wrote " + x.rows() + " rows of " + x.columns() + " columns to " + p
                        + (images ? " (images of N x " + text(codes.imageShape()) + ")" : ""));
            }
        }
        return 0;
    }

    private static String text(Shape s) {
        return s.channels() + " x " + s.height() + " x " + s.width();
    }
}
