package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.DataFiles;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.data.Scaler;
import dev.lva.core.io.Npy;
import dev.lva.core.nn.Shape;
import dev.lva.models.AutoEncoder;
import dev.lva.models.LatentModel;
import dev.lva.models.checkpoint.Checkpoints;
import dev.lva.models.checkpoint.RunState;
import dev.lva.viz.Figure;
import dev.lva.viz.ImageGrid;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained model applied to new data: {@code encode} scales rows as the training data was scaled and
 * writes their latent codes; {@code decode} maps codes back to the data's units. Rows go through the
 * model a batch at a time, so memory holds the data and the result, not every row's activations.
 */
public final class Codes {
    /** Rows through the model at a time. */
    static final int BATCH_ROWS = 4096;

    private final RunState state;
    private final LatentModel model;
    private final RunConfig config;
    private final Scaler scaler;
    private final Path modelFile;

    private Codes(Path modelFile, Plugins plugins) {
        this.modelFile = modelFile;
        this.state = Checkpoints.load(modelFile, plugins);
        if (!(state.model() instanceof LatentModel latent)) {
            throw new LvaException(modelFile + ": model '" + state.setup().model().name() + "' has no latent space");
        }
        this.model = latent;
        this.config = LvaRun.savedConfig(state.extras(), modelFile);
        this.scaler = LvaRun.savedScaler(state.extras());
        state.model().setTraining(false);
    }

    public static Codes load(Path modelFile, Plugins plugins) {
        return new Codes(modelFile, plugins);
    }

    /**
     * Latent codes of the rows of {@code data}. Without {@code columns}, the model's own columns are
     * picked by name wherever they stand in the file, and a header that lacks them is refused (see
     * {@link DataFiles#readFor}); with them, those columns are the model's inputs, in that order.
     */
    public INDArray encode(Path data, List<String> columns, CsvTable.Header header) {
        return encode(data, columns, header, null);
    }

    /**
     * As {@link #encode(Path, List, CsvTable.Header)}, images read in {@code layout}; null for the
     * layout the model's training images were read in.
     */
    public INDArray encode(Path data, List<String> columns, CsvTable.Header header, ImageFiles.Layout layout) {
        Shape image = imageShape();
        if (image != null && ImageFiles.isImages(data)) {
            return model.transform(images(data, image, layout == null ? config.layout() : layout), BATCH_ROWS);
        }
        DataFiles.Options options = new DataFiles.Options(header, columns, config.precision().dataType());
        Dataset ds = columns.isEmpty() ? DataFiles.readFor(data, options, dataColumns())
                : DataFiles.read(data, options);
        state.requireInputWidth(ds.cols(), data.toString());
        return model.transform(scaler == null ? ds.features() : scaler.transform(ds.features()), BATCH_ROWS);
    }

    /**
     * Data-space rows (in the original units) for the latent codes in {@code codes}: columns z0, z1, ...
     * as encode writes them, picked by name, or those {@code columns} selects, or a file's columns in
     * order when it has no header.
     */
    public INDArray decode(Path codes, List<String> columns, CsvTable.Header header) {
        DataFiles.Options options = new DataFiles.Options(header, columns, config.precision().dataType());
        Dataset ds = columns.isEmpty() ? DataFiles.readFor(codes, options, latentColumns())
                : DataFiles.read(codes, options);
        if (ds.cols() != model.latentDimension()) {
            throw new LvaException("the model has " + model.latentDimension() + " latent dimensions, " + codes
                    + " has " + ds.cols() + " columns (model from " + modelFile + ")");
        }
        INDArray x = model.inverseTransform(ds.features(), BATCH_ROWS);
        return scaler == null ? x : scaler.inverseTransform(x);
    }

    /**
     * The images of {@code data} as the model's rows: padded or cropped as the training images were
     * ({@code --pad-to}), and required to have the training images' shape.
     */
    private INDArray images(Path data, Shape image, ImageFiles.Layout layout) {
        Dataset ds = ImageFiles.read(data, new ImageFiles.Options(config.padTo(), 0, layout),
                config.precision().dataType());
        long[] s = ds.sampleShape();
        Shape got = Shape.image((int) s[0], (int) s[1], (int) s[2]);
        if (!got.equals(image)) {
            throw new LvaException(data + ": images of " + text(got) + (config.padTo() > 0 ? " after --pad-to "
                    + config.padTo() : "") + "; the model (from " + modelFile + ") takes " + text(image));
        }
        return ds.features().reshape('c', ds.rows(), ds.cols());
    }

    private static String text(Shape s) {
        return s.channels() + " x " + s.height() + " x " + s.width();
    }

    /**
     * The shape of one image the model was trained on: a convolutional model's input, or what the
     * run recorded of its images; null for a model of a table.
     */
    public Shape imageShape() {
        if (model instanceof AutoEncoder a && a.inputShape().isImage()) {
            return a.inputShape();
        }
        return RunModels.imageShape(state.extras());
    }

    /**
     * Writes decoded rows to {@code file}: for a model of images, a .npy holds them as
     * {@code N x C x H x W} and a PNG grid of the first {@value #GRID_IMAGES} goes beside it (the same
     * name, .png); a model of a table writes rows as {@link #write} does. Returns the files written.
     */
    public List<Path> writeDecoded(Path file, INDArray x, PrintStream progress) {
        Shape image = imageShape();
        if (image == null) {
            write(file, x, dataColumns(), "x", progress);
            return List.of(file);
        }
        boolean npy = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        write(file, npy ? x.reshape('c', x.rows(), image.channels(), image.height(), image.width()) : x, List.of(),
                "x", progress);
        Path grid = gridFile(file);
        imageGrid(x, image).save(grid);
        return List.of(file, grid);
    }

    /** Images drawn in the grid beside decoded images. */
    static final int GRID_IMAGES = 100;
    private static final int GRID_COLUMNS = 10;

    /** {@code OUT.npy} gives {@code OUT.png}; a name without an extension gets {@code .png} added. */
    static Path gridFile(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return out.resolveSibling(base + (name.toLowerCase(Locale.ROOT).endsWith(".png") ? "-grid" : "") + ".png");
    }

    private static Figure imageGrid(INDArray x, Shape image) {
        int n = (int) Math.min(GRID_IMAGES, x.rows());
        int rows = (n + GRID_COLUMNS - 1) / GRID_COLUMNS;
        int channels = image.channels() == 3 ? 3 : 1;
        int keep = channels * image.height() * image.width();
        double[][][] images = new double[rows][][];
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int from = r * GRID_COLUMNS;
            int to = Math.min(n, from + GRID_COLUMNS);
            images[r] = new double[to - from][];
            for (int i = from; i < to; i++) {
                images[r][i - from] = Arrays.copyOf(x.getRow(i).castTo(DataType.DOUBLE).toDoubleVector(), keep);
            }
            labels.add(from + "-" + (to - 1));
        }
        String title = String.format(Locale.ROOT, "Decoded images%s", n < x.rows() ? " (the first " + n + " of "
                + x.rows() + ")" : "") + (channels == image.channels() ? "" : " (channel 0 of " + image.channels() + ")");
        return ImageGrid.of(ImageGrid.Options.titled(title), images, channels, image.height(), image.width(), labels,
                null);
    }

    /** The names of the training data's columns, in the model's order (empty when the checkpoint lacks them). */
    public List<String> dataColumns() {
        return RunData.trainedColumns(state.extras(), model.inputDimension());
    }

    /** The latent columns' names as encode writes them: z0, z1, ... */
    private List<String> latentColumns() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < model.latentDimension(); j++) {
            names.add("z" + j);
        }
        return names;
    }

    /** Writes {@code a} atomically as .npy, or as CSV with the given column names (or {@code prefix}0, 1, ...). */
    public static void write(Path file, INDArray a, List<String> names, String prefix) {
        write(file, a, names, prefix, null);
    }

    /** {@link #write}, with a progress bar on {@code progress} (stderr) when writing takes more than a second. */
    public static void write(Path file, INDArray a, List<String> names, String prefix, PrintStream progress) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            try {
                AtomicFiles.write(file, out -> Npy.write(out, a));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return;
        }
        List<String> header = new ArrayList<>();
        for (int j = 0; j < a.columns(); j++) {
            header.add(names.size() == a.columns() ? names.get(j) : prefix + j);
        }
        try (TaskProgress p = new TaskProgress(file.getFileName().toString(), "rows", progress)) {
            Outputs.writeCsv(file, header, a, p);
        }
    }
}
