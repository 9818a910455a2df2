package dev.lva.run;

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
import dev.lva.viz.Range;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.MDC;

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
     * Latent codes of the first {@code limit} rows (0: all) of {@code data}. Without {@code columns},
     * the model's own columns are picked by name wherever they stand in the file, and a header that
     * lacks them is refused (see {@link DataFiles#readFor}); with them, those columns are the model's
     * inputs, in that order. Images go in as stored, or padded or cropped to {@code padTo} when it is
     * not 0; either way they must then have the shape the model was trained on.
     */
    public INDArray encode(Path data, List<String> columns, CsvTable.Header header, int limit, int padTo) {
        return encode(data, columns, header, limit, padTo, null);
    }

    /**
     * As {@link #encode(Path, List, CsvTable.Header, int, int)}, images read in {@code layout}; null for
     * the layout the model's training images were read in.
     */
    public INDArray encode(Path data, List<String> columns, CsvTable.Header header, int limit, int padTo,
                           ImageFiles.Layout layout) {
        Shape image = imageShape();
        // an option the model cannot use is refused, not ignored (as lva fit refuses them)
        if (image != null && !columns.isEmpty()) {
            throw new LvaException("--columns " + String.join(",", columns) + ": the model (from " + modelFile
                    + ") takes images of " + text(image) + ", not columns of a table; leave --columns out");
        }
        if (image == null && layout != null) {
            throw new LvaException("--layout " + layout.name().toLowerCase(java.util.Locale.ROOT) + ": the model (from "
                    + modelFile + ") takes a table of " + model.inputDimension() + " columns, and --layout orders"
                    + " the axes of images; leave --layout out");
        }
        if (ImageFiles.isImages(data)) {
            if (image == null) {
                throw new LvaException(data + " holds images; the model (from " + modelFile + ") is an MLP trained on"
                        + " a table of " + model.inputDimension() + " columns and takes a table (.csv or .npy of rank"
                        + " 2); for images, train with --model conv-lvae");
            }
            return model.transform(images(data, image, limit, padTo, layout == null ? config.layout() : layout,
                    layout != null), BATCH_ROWS);
        }
        if (padTo > 0) {
            throw new LvaException("--pad-to " + padTo + ": " + data + " is a table, not images");
        }
        DataFiles.Options options = new DataFiles.Options(header, columns, config.precision().dataType());
        Dataset ds;
        try {
            ds = first(columns.isEmpty() ? DataFiles.readFor(data, options, dataColumns())
                    : DataFiles.read(data, options), limit);
        } catch (dev.lva.core.data.DataException e) {
            throw withColumnsHint(e, data, header, columns);
        }
        if (image != null && ds.cols() != model.inputDimension()) {
            throw new LvaException(data + " is a table of " + ds.cols() + " columns; the model (from " + modelFile
                    + ") takes images of " + text(image) + " (an IDX file, a .npy of rank 3 or 4, a folder of PNG"
                    + " or JPEG images) or rows of their " + model.inputDimension() + " pixels");
        }
        state.requireInputWidth(ds.cols(), data.toString());
        return model.transform(scaler == null ? ds.features() : scaler.transform(ds.features()), BATCH_ROWS);
    }

    /** The rows of a run's training data at most ({@code --limit} of lva fit), or 0 when it used them all. */
    public int trainedLimit() {
        return config.limit();
    }

    /**
     * Data-space rows (in the original units) for the first {@code limit} (0: all) latent codes in
     * {@code codes}: columns z0, z1, ... as encode writes them, picked by name, or those {@code columns}
     * selects, or a file's columns in order when it has no header.
     */
    public INDArray decode(Path codes, List<String> columns, CsvTable.Header header, int limit) {
        DataFiles.Options options = new DataFiles.Options(header, columns, config.precision().dataType());
        Dataset ds;
        // a pruned dimension is constant in every code by design; the reader's warning about constant
        // columns (meant for data about to be scaled) would blame the user's file for the model's pruning.
        // logback.xml drops log events while this key is set; the read logs nothing else.
        try (MDC.MDCCloseable quiet = MDC.putCloseable(QUIET_READ, "codes")) {
            if (columns.isEmpty()) {
                requireNoLaterLatentColumns(codes, header);
            }
            ds = first(columns.isEmpty() ? DataFiles.readFor(codes, options, latentColumns())
                    : DataFiles.read(codes, options), limit);
        }
        if (ds.cols() != model.latentDimension()) {
            throw new LvaException("the model has " + model.latentDimension() + " latent dimensions, " + codes
                    + " has " + ds.cols() + " columns (model from " + modelFile + ")");
        }
        INDArray x = model.inverseTransform(ds.features(), BATCH_ROWS);
        return scaler == null ? x : scaler.inverseTransform(x);
    }

    /**
     * A header that lacks the model's columns may name the same kind of data otherwise (x, y, z for a, b,
     * c): encode's --columns takes a file's columns as the model's, in order, and the refusal says so
     * where the file has enough of them.
     */
    private LvaException withColumnsHint(dev.lva.core.data.DataException e, Path data, CsvTable.Header header,
                                         List<String> columns) {
        int d = model.inputDimension();
        if (!columns.isEmpty() || !e.getMessage().contains("missing: ")) {
            return e;
        }
        CsvTable table = CsvTable.read(data, header);
        if (table.columnNames().size() < d) {
            return e;
        }
        return new LvaException(e.getMessage() + "; give --columns with " + d + " of the file's columns to take them"
                + " as the model's, in that order", e);
    }

    /**
     * Refuses a codes file whose header names latent columns beyond the model's ({@code z63} for a model
     * of 3 dimensions): it holds another model's codes, and picking the model's z0, z1, z2 out of it by
     * name decoded them silently as if they were this model's.
     */
    private void requireNoLaterLatentColumns(Path codes, CsvTable.Header header) {
        String name = codes.getFileName() == null ? "" : codes.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv")) {
            return;
        }
        CsvTable table = CsvTable.read(codes, header);
        if (!table.hasHeader()) {
            return;
        }
        int d = model.latentDimension();
        int highest = -1;
        for (String c : table.columnNames()) {
            if (c.matches("z\\d{1,9}")) {
                highest = Math.max(highest, Integer.parseInt(c.substring(1)));
            }
        }
        if (highest >= d) {
            throw new LvaException(codes + " has latent columns up to z" + highest + ", and the model (from " + modelFile
                    + ") has " + d + " latent dimension" + (d == 1 ? "" : "s") + " (z0" + (d > 1 ? " to z" + (d - 1) : "")
                    + "): these look like another model's codes; decode them with that model, or give --columns to"
                    + " pick " + d + " column" + (d == 1 ? "" : "s") + " on purpose");
        }
    }

    /** The MDC key under which logback.xml drops log events (see {@link #decode}). */
    static final String QUIET_READ = "lva.quiet-read";

    private static Dataset first(Dataset ds, int limit) {
        return limit == 0 || limit >= ds.rows() ? ds : ds.rows(IntStream.range(0, limit).toArray());
    }

    /**
     * The first {@code limit} images of {@code data} as the model's rows: as stored, or padded or
     * cropped to {@code padTo} when the user asks; never resized without being asked, since a model
     * fed images framed otherwise than in training gives codes that look fine and mean nothing.
     */
    private INDArray images(Path data, Shape image, int limit, int padTo, ImageFiles.Layout layout, boolean given) {
        Dataset ds = ImageFiles.read(data, new ImageFiles.Options(0, limit, layout), config.precision().dataType());
        Shape stored = shapeOf(ds.features());
        INDArray x = padTo > 0 ? ImageFiles.frame(ds.features(), padTo) : ds.features();
        Shape got = shapeOf(x);
        if (!got.equals(image)) {
            throw new LvaException(data + ": images of " + text(stored) + (padTo > 0 ? ", " + text(got)
                    + " after --pad-to " + padTo : "") + "; the model (from " + modelFile + ") takes " + text(image)
                    + padHint(stored, image, padTo) + layoutHint(stored, image, padTo, layout, given));
        }
        return x.reshape('c', x.size(0), (long) got.channels() * got.height() * got.width());
    }

    /** How to make images of {@code stored} fit the model, when --pad-to can. */
    private String padHint(Shape stored, Shape image, int padTo) {
        if (padTo > 0 || stored.channels() != image.channels() || image.height() != image.width()) {
            return "";
        }
        int side = image.height();
        return config.padTo() == side
                ? " (it was trained with --pad-to " + side + "): give --pad-to " + side + " to pad or crop these as in"
                        + " training"
                : ": give --pad-to " + side + " to pad (with zeros) or centre-crop them to " + side + " x " + side;
    }

    /**
     * How to read images of {@code stored} (as read in {@code layout}) in the model's shape, when the
     * other order of the axes gives it: a model trained on channels-last images ({@code --layout nhwc})
     * reads every file that way unless told otherwise, and a file stored N x C x H x W then comes out
     * as images of a wrong shape.
     *
     * @param given whether the user gave {@code --layout} (else the model's own layout was used)
     */
    private static String layoutHint(Shape stored, Shape image, int padTo, ImageFiles.Layout layout, boolean given) {
        if (padTo > 0) {
            return "";
        }
        boolean lastWas = layout == ImageFiles.Layout.NHWC;
        // the file's axes after N are (H, W, C) when read channels-last, else (C, H, W): the other reading
        Shape other = lastWas ? Shape.image(stored.height(), stored.width(), stored.channels())
                : Shape.image(stored.width(), stored.channels(), stored.height());
        String name = layout.name().toLowerCase(java.util.Locale.ROOT);
        String how = given ? "as --layout " + name + " says" : "the layout the model was trained with (--layout "
                + name + ")";
        if (!other.equals(image)) {
            // not the order alone; but a channels-last reading is still worth naming, it is not the usual one
            return lastWas ? " (these were read as N x H x W x C, " + how + ")" : "";
        }
        return " (these were read as " + (lastWas ? "N x H x W x C" : "N x C x H x W") + ", " + how + "; read as "
                + (lastWas ? "N x C x H x W" : "N x H x W x C") + " they are " + text(other) + ": give --layout "
                + (lastWas ? "nchw" : "nhwc") + ")";
    }

    private static Shape shapeOf(INDArray images) {
        return Shape.image((int) images.size(1), (int) images.size(2), (int) images.size(3));
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

    /** The files decode can write, by extension. */
    public enum Format {
        CSV(".csv"), NPY(".npy"), PNG(".png");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** The format {@code file}'s name ends with (any case), or null. */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith(f.extension)) {
                    return f;
                }
            }
            return null;
        }
    }

    /**
     * Writes decoded rows: to {@code out} by its extension (.csv: rows; .npy: rows, or
     * {@code N x C x H x W} for a model of images; .png: a grid of the first {@value #GRID_IMAGES}
     * images), and, when {@code grid} is not null, that grid to {@code grid} as well. Returns the
     * files written, {@code out} first.
     */
    public List<Path> writeDecoded(Path out, Path grid, INDArray x, RunProgress progress) {
        Shape image = imageShape();
        List<Path> written = new ArrayList<>();
        if (Format.of(out) == Format.PNG || grid != null) {
            if (image == null) {
                throw new LvaException((grid == null ? "--out " + out : "--grid " + grid) + ": a grid of images needs a"
                        + " model of images; this one (from " + modelFile + ") decodes rows of a table");
            }
        }
        if (Format.of(out) == Format.PNG) {
            imageGrid(x, image).save(out);
        } else if (image == null) {
            write(out, x, dataColumns(), "x", progress);
        } else {
            write(out, Format.of(out) == Format.NPY ? x.reshape('c', x.rows(), image.channels(), image.height(),
                    image.width()) : x, List.of(), "x", progress);
        }
        written.add(out);
        if (grid != null) {
            imageGrid(x, image).save(grid);
            written.add(grid);
        }
        return written;
    }

    /** Images drawn in a grid of decoded images. */
    public static final int GRID_IMAGES = 100;
    private static final int GRID_COLUMNS = 10;
    /**
     * The grey scale of a grid: pixels as lva reads images, [0, 1] (bytes / 255), fixed so that a dim
     * decoded image looks dim instead of being stretched to full contrast, and images clip beyond it.
     */
    static final Range PIXELS = Range.of(0, 1);

    /**
     * The first decoded images in a grid, with the zero padding {@code --pad-to} added in training
     * cut off again, so that they show at the size of the images the run read.
     */
    private Figure imageGrid(INDArray x, Shape image) {
        Shape shown = gridShape();
        int h = shown.height();
        int w = shown.width();
        // ImageFiles.frame centres a padded image, an odd margin after it; this window is the one it filled
        int top = (image.height() - h) / 2;
        int left = (image.width() - w) / 2;
        int n = (int) Math.min(GRID_IMAGES, x.rows());
        int rows = (n + GRID_COLUMNS - 1) / GRID_COLUMNS;
        int channels = image.channels() == 3 ? 3 : 1;
        double[][][] images = new double[rows][][];
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int from = r * GRID_COLUMNS;
            int to = Math.min(n, from + GRID_COLUMNS);
            images[r] = new double[to - from][];
            for (int i = from; i < to; i++) {
                images[r][i - from] = window(x.getRow(i).castTo(DataType.DOUBLE).toDoubleVector(), image, channels,
                        top, left, h, w);
            }
            labels.add(from + "-" + (to - 1));
        }
        String title = String.format(Locale.ROOT, "Decoded images%s", n < x.rows() ? " (the first " + n + " of "
                + x.rows() + ")" : "") + (channels == image.channels() ? "" : " (channel 0 of " + image.channels() + ")");
        return ImageGrid.of(ImageGrid.Options.titled(title).withValues(PIXELS), images, channels, h, w, labels, null);
    }

    /**
     * The shape of the images a grid shows: the model's, less the zero padding --pad-to added in
     * training (a crop cannot be undone, so a cropped side stays as the model has it).
     */
    public Shape gridShape() {
        Shape image = imageShape();
        Shape stored = RunModels.storedImageShape(state.extras());
        return stored == null ? image : Shape.image(image.channels(), Math.min(stored.height(), image.height()),
                Math.min(stored.width(), image.width()));
    }

    /** The first {@code channels} channels of one image ({@code C x H x W}, row-major), cut to the window given. */
    static double[] window(double[] pixels, Shape image, int channels, int top, int left, int h, int w) {
        double[] out = new double[channels * h * w];
        int at = 0;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int from = (c * image.height() + top + y) * image.width() + left;
                System.arraycopy(pixels, from, out, at, w);
                at += w;
            }
        }
        return out;
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

    /** The extension of {@code file}'s name ({@code .txt}), or its whole name when it has none. */
    public static String extension(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : name;
    }

    /** Writes {@code a} atomically as .npy, or as CSV with the given column names (or {@code prefix}0, 1, ...). */
    public static void write(Path file, INDArray a, List<String> names, String prefix) {
        write(file, a, names, prefix, null);
    }

    /**
     * {@link #write}, with a progress bar on {@code progress} (stderr) when writing takes more than a
     * second. The extension chooses the format, .npy or .csv; any other is refused, so that no file
     * gets contents its name does not say.
     */
    public static void write(Path file, INDArray a, List<String> names, String prefix, RunProgress progress) {
        Format format = Format.of(file);
        if (format == Format.NPY) {
            try {
                AtomicFiles.write(file, out -> Npy.write(out, a));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return;
        }
        if (format != Format.CSV) {
            throw new LvaException(file + ": rows are written as .csv or .npy, not as '" + extension(file) + "'");
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
