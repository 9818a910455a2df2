package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.core.checkpoint.DataDigest;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.DataFiles;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.ImageFileRows;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.data.ImageStreaming;
import dev.lva.core.data.RowSample;
import dev.lva.core.data.Scaler;
import dev.lva.core.nn.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's data: the table as read, the scaler fitted on it, and the scaled matrix the model sees.
 * Images (an IDX file, a .npy of rank 3 or 4, a folder of PNG or JPEG; {@link ImageFiles}) are a
 * dataset of {@code N x C x H x W} in [0, 1], padded or cropped as the run says, never scaled by
 * column; the model sees them as rows of {@code C * H * W} values (a view, not a copy). Images
 * stored as unsigned bytes (IDX, a uint8 .npy) are held as those bytes ({@link
 * dev.lva.core.data.ImageBytes}), padded in bytes: whoever takes rows of {@link #scaled} or of the
 * dataset converts them with {@link dev.lva.core.data.ImageBytes#pixels} (the trainer, the models'
 * inputs, the analysis and the figures do), never with a plain cast, which would give 0..255.
 *
 * <p>Images larger than memory (a .npy of uint8, float32 or float64, an uncompressed IDX file; the run's {@code --stream}
 * and {@link ImageStreaming} say when) stay in their file:
 * {@link #stored} reads them a batch at a time for the trainer, and {@link #dataset} and {@link #scaled}
 * hold an evenly spaced sample of them ({@link #sampleRows}), which the analysis, the evaluation and
 * the figures see; {@link #rows()} counts every row.
 *
 * @param source where it came from: a file path, or {@code builtin:NAME} for a data set inside the jar
 * @param stored the images read from their file, or null when {@link #dataset} holds every row
 */
public record RunData(String source, Dataset dataset, Scaler scaler, INDArray scaled, ImageFileRows stored) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunData.class);

    public RunData(String source, Dataset dataset, Scaler scaler, INDArray scaled) {
        this(source, dataset, scaler, scaled, null);
    }

    /** How a config names a data set inside the jar: {@code builtin:ae3d.csv}. */
    public static final String BUILT_IN = "builtin:";
    /** The data sets inside the jar (data/README.md says where they come from). */
    public static final List<String> BUILT_INS = List.of("ae3d.csv", "digits.csv", "toy1d.csv");

    /**
     * Reads a user's file (.csv or .npy) and fits the configured scaler. {@code builtin:NAME} (what a
     * demo's {@code config.yaml} says) is the data set of that name inside the jar, unless a file of
     * that name exists.
     */
    public static RunData load(RunConfig config, DataType type) {
        Path file = config.data();
        if (file == null) {
            throw new LvaException("no data: give --data FILE (.csv or .npy) or a 'data' entry in the config file");
        }
        String given = file.toString();
        if (given.startsWith(BUILT_IN) && !java.nio.file.Files.exists(file)) {
            storedImages(given, config); // refuses --stream always
            // --limit as a file's rows are limited, and as a resume reads them again (read(...) below)
            return of(given, limited(builtInTable(given.substring(BUILT_IN.length())).numeric(config.columns(), type),
                    config), config.scale().newScaler(), true);
        }
        // absolute, so that a checkpoint resumes from any working folder
        String source = file.toAbsolutePath().normalize().toString();
        ImageFileRows stored = storedImages(source, config);
        if (stored != null) {
            return ofStored(source, stored, type);
        }
        Dataset ds = read(source, config, type);
        return of(source, ds, isImages(ds) ? null : config.scale().newScaler(), true);
    }

    /** One of the data sets shipped inside the jar (data/README.md says where they come from). */
    public static RunData builtIn(String name, List<String> columns, Scaling scaling, DataType type) {
        return of(BUILT_IN + name, builtInTable(name).numeric(columns, type), scaling.newScaler(), true);
    }

    /** The data of a saved run again, scaled with the scaler that run fitted (null when it scaled nothing). */
    public static RunData reload(String source, RunConfig config, Scaler fitted, DataType type) {
        return reload(source, config, fitted, type, List.of());
    }

    /**
     * The data of a saved run again, its columns picked by the names the run trained on ({@code trained},
     * in the model's order) wherever they stand in the file, so that a file whose columns moved still
     * feeds each to the right input; see {@link DataFiles#readFor}.
     */
    public static RunData reload(String source, RunConfig config, Scaler fitted, DataType type, List<String> trained) {
        ImageFileRows stored = storedImages(source, config);
        if (stored != null) {
            return ofStored(source, stored, type);
        }
        return of(source, read(source, config, type, trained), fitted, false);
    }

    /**
     * The images of {@code source} read from the file a batch at a time, when the run's {@code --stream}
     * and their size say so ({@link ImageStreaming}); else null. {@code --stream always} on what cannot
     * be read so (a table, a folder, a gzipped IDX file) is an error naming the option and the file.
     */
    private static ImageFileRows storedImages(String source, RunConfig config) {
        ImageStreaming.refuseProperty();
        ImageStreaming.Mode mode = config.stream();
        if (source.startsWith(BUILT_IN) && !java.nio.file.Files.exists(Path.of(source))) {
            if (mode == ImageStreaming.Mode.ALWAYS) {
                throw new LvaException("--stream always: " + source + " is a table inside lva, not images; only images"
                        + " (a .npy of rank 3 or 4 of uint8, float32 or float64, an uncompressed IDX file) are read from"
                        + " the file a batch at a"
                        + " time: give --stream auto or never");
            }
            return null;
        }
        Path file = Path.of(source);
        if (mode != ImageStreaming.Mode.ALWAYS && (!java.nio.file.Files.exists(file) || !ImageFiles.isImages(file))) {
            return null;
        }
        return ImageStreaming.open(file, new ImageFiles.Options(config.padTo(), config.limit(), config.layout()), mode);
    }

    /** Images read from their file: every row for the trainer, an evenly spaced sample of them in memory. */
    static RunData ofStored(String source, ImageFileRows stored, DataType type) {
        return ofStored(source, stored, ImageStreaming.sample(stored).length, type);
    }

    /** As {@link #ofStored(String, ImageFileRows, DataType)} with a sample of {@code sampled} rows (a test's smaller one). */
    static RunData ofStored(String source, ImageFileRows stored, int sampled, DataType type) {
        // bytes stay bytes (the pixel rule converts the rows taken); float images as the run's type
        Dataset sample = new Dataset(stored.rows(RowSample.evenly(stored.rows(), sampled), type));
        LOG.info("{}: {} images of {} read from the file a batch at a time; the analysis sees {} of them, evenly spaced",
                source, stored.rows(), java.util.Arrays.toString(stored.sampleShape()), sample.rows());
        return new RunData(source, sample, null, sample.features().reshape('c', sample.rows(), sample.cols()), stored);
    }

    /** Every row of the data, those read from a file included. */
    public int rows() {
        return stored != null ? stored.rows() : dataset.rows();
    }

    /**
     * The rows of the data that {@link #dataset} holds: every row, or for images read from their file
     * the evenly spaced sample of them ({@link ImageStreaming#sample}).
     */
    public int[] sampleRows() {
        // the sample is evenly spaced: its size says which rows it holds
        return stored != null ? RowSample.evenly(stored.rows(), dataset.rows())
                : java.util.stream.IntStream.range(0, dataset.rows()).toArray();
    }

    /** Refuses data read from its file where {@code what} needs every row in memory. */
    public RunData requireInMemory(String what) {
        if (stored != null) {
            throw new LvaException(what + " holds its data in memory, but " + source + " (" + stored.rows() + " images of "
                    + java.util.Arrays.toString(stored.sampleShape()) + ") is read from the file a batch at a time (--stream"
                    + " always, or --stream auto with images larger than a quarter of the memory left): read fewer with"
                    + " --limit, or read it into memory with --stream never (with LVA_JAVA_OPTS=-Xmx... large enough)");
        }
        return this;
    }

    private static Dataset read(String source, RunConfig config, DataType type) {
        return read(source, config, type, List.of());
    }

    private static Dataset read(String source, RunConfig config, DataType type, List<String> trained) {
        if (source.startsWith(BUILT_IN)) {
            return limited(builtInTable(source.substring(BUILT_IN.length())).numeric(config.columns(), type), config);
        }
        Path file = Path.of(source);
        if (ImageFiles.isImages(file)) {
            ImageFiles.Options options = new ImageFiles.Options(config.padTo(), config.limit(), config.layout());
            // images stored as bytes stay bytes (a quarter of float32's memory): the trainer, the analysis and
            // the figures convert the rows they take by the pixel rule, to the values read(...) would give
            Dataset bytes = ImageFiles.readBytes(file, options);
            return bytes != null ? bytes : ImageFiles.read(file, options, type);
        }
        if (config.padTo() > 0) {
            throw new LvaException("--pad-to " + config.padTo() + ": " + source + " is a table, not images (images are"
                    + " an IDX file, a .npy of rank 3 or 4, or a folder of PNG or JPEG images)");
        }
        return DataFiles.readFor(file, new DataFiles.Options(config.header(), config.columns(), type), trained,
                config.limit());
    }

    /** The first {@code --limit} rows of a table. */
    private static Dataset limited(Dataset ds, RunConfig config) {
        int limit = config.limit();
        return limit == 0 || limit >= ds.rows() ? ds : ds.rows(java.util.stream.IntStream.range(0, limit).toArray());
    }

    /**
     * The digest of the data trained on, as {@code type} values (the run's precision): image bytes are
     * hashed as the pixels they convert to, so a checkpoint's digest is the one the same data read as
     * float32 had.
     */
    public DataDigest digest(DataType type) {
        return stored != null ? DataDigest.of(stored, type) : DataDigest.of(dataset.features(), type);
    }

    /** Whether the data set holds images ({@code N x C x H x W}) rather than a table. */
    public static boolean isImages(Dataset ds) {
        return ds.features().rank() == 4;
    }

    /** The shape of one image, {@code C x H x W}, or null for a table. */
    public Shape imageShape() {
        long[] s = dataset.sampleShape();
        return isImages(dataset) ? Shape.image((int) s[0], (int) s[1], (int) s[2]) : null;
    }

    /**
     * The names of the columns a checkpoint's run trained on, in the model's order; empty when the
     * checkpoint does not say, or when its list does not have {@code width} names (a name with a ';'
     * in it cannot be told apart).
     */
    public static List<String> trainedColumns(Extras extras, int width) {
        String joined = extras.strings().get(LvaRun.DATA_COLUMNS);
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        List<String> names = List.of(joined.split(";", -1));
        return names.size() == width ? names : List.of();
    }

    /** A built-in CSV as text cells, for its non-numeric columns (the toy data's split, the digits' label). */
    public static CsvTable builtInTable(String name) {
        String resource = "/dev/lva/run/data/" + name;
        try (InputStream in = RunData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LvaException("no built-in data set '" + name + "' (there are " + String.join(", ", BUILT_INS)
                        + "; a file's name must not start with " + BUILT_IN + ")");
            }
            return CsvTable.parse(BUILT_IN + name, new InputStreamReader(in, StandardCharsets.UTF_8),
                    CsvTable.Header.AUTO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run's data from a data set as read: a table scaled by {@code scaler} (fitted on it when
     * {@code fit}, else applied as saved; null for none), images as rows of their pixels, unscaled.
     */
    public static RunData of(String source, Dataset ds, Scaler scaler, boolean fit) {
        if (isImages(ds)) {
            // the rows of the same memory: one image a row, C x H x W values each
            return new RunData(source, ds, null, ds.features().reshape('c', ds.rows(), ds.cols()));
        }
        INDArray scaled = scaler == null ? ds.features() : fit ? scaler.fitTransform(ds.features())
                : scaler.transform(ds.features());
        return new RunData(source, ds, scaler, scaled);
    }
}
