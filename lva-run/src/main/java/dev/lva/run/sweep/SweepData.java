package dev.lva.run.sweep;

import dev.lva.core.checkpoint.DataDigest;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.ImageBytes;
import dev.lva.core.data.Scaler;
import dev.lva.run.RunData;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A sweep's data as it travels to the machines that train: the values as read (a table before
 * scaling, or images {@code N x C x H x W} already padded or cropped and limited as the run says), in
 * the precision of the runs, with their shape, the column names and where they came from. Serialized
 * as plain numbers, so that the executors need neither the file nor a shared disk, and a run sees the
 * very bits {@code lva fit} would have read.
 *
 * <p>One copy per JVM: the values live in one native array that every run on the machine reads
 * ({@link #dataset}); nothing writes it (a scaler returns a scaled copy, images are never scaled, the
 * trainer gathers its batches into its own buffers). A copy per run, and a second copy on the Java
 * heap, made {@code lva fit --seeds} on 60,000 images fail with "Java heap space" even one seed at a
 * time: the images are 188 MB of float32, the heap 512 MB.
 */
public final class SweepData implements Serializable {
    @Serial
    private static final long serialVersionUID = 4L;
    /** How a data set inside the jar is named, as the command line and checkpoints write it. */
    public static final String BUILT_IN = "builtin:";
    /** Values per piece when serialized: a bounded heap array at a time, never the whole data set. */
    private static final int CHUNK = 1 << 20;

    private final String source;
    private final List<String> columns;
    private final long[] shape;
    /** The runs' precision (FLOAT or DOUBLE): the values' type, or what image bytes convert to. */
    private final DataType type;
    /** The values, C-ordered, shared by every run of this JVM; written by {@link #writeObject}. */
    private transient INDArray values;

    /**
     * @param source  the data's source as {@code lva fit} records it (the file's absolute path on the driver)
     * @param columns the column names (of a table; an image's pixels have names too, one per value)
     * @param shape   the data set's shape: {@code rows x columns} for a table, {@code N x C x H x W} for images
     * @param floats  the values in row-major order when the runs compute in float32, else null
     * @param doubles the values in row-major order when the runs compute in float64, else null
     */
    public SweepData(String source, List<String> columns, long[] shape, float[] floats, double[] doubles) {
        this(source, columns, shape, values(shape, floats, doubles));
    }

    /** A table of {@code rows} rows of {@code columns}. */
    public SweepData(String source, List<String> columns, int rows, float[] floats, double[] doubles) {
        this(source, columns, new long[] {rows, columns.size()}, floats, doubles);
    }

    private SweepData(String source, List<String> columns, long[] shape, INDArray values) {
        this(source, columns, shape, values, values.dataType());
    }

    private SweepData(String source, List<String> columns, long[] shape, INDArray values, DataType type) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.shape = shape.clone();
        this.values = values;
        this.type = type;
        check();
    }

    private static INDArray values(long[] shape, float[] floats, double[] doubles) {
        if ((floats == null) == (doubles == null)) {
            throw new IllegalArgumentException("sweep data holds float32 or float64 values, one of them");
        }
        long length = floats != null ? floats.length : doubles.length;
        // checked here too: ND4J would report a wrong length as an error of its own
        if (shape.length < 1 || length != Arrays.stream(shape).reduce(1, (a, b) -> a * b)) {
            throw new IllegalArgumentException("sweep data: " + length + " values for the shape "
                    + Arrays.toString(shape));
        }
        return floats != null ? Nd4j.create(floats, shape, 'c') : Nd4j.create(doubles, shape, 'c');
    }

    private void check() {
        if (shape.length != 2 && shape.length != 4) {
            throw new IllegalArgumentException("sweep data is a table (rows x columns) or images (N x C x H x W), not "
                    + Arrays.toString(shape));
        }
        long perRow = 1;
        for (int i = 1; i < shape.length; i++) {
            perRow *= shape[i];
        }
        if (shape[0] < 1 || values.length() != shape[0] * perRow || columns.size() != perRow) {
            throw new IllegalArgumentException("sweep data: " + values.length() + " values and " + columns.size()
                    + " column names for the shape " + Arrays.toString(shape));
        }
        boolean imageBytes = ImageBytes.isBytes(values) && shape.length == 4;
        if (!imageBytes && values.dataType() != DataType.FLOAT && values.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("sweep data holds float32 or float64 values, or images as bytes, not "
                    + values.dataType() + " of shape " + Arrays.toString(shape));
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE || !imageBytes && type != values.dataType()) {
            throw new IllegalArgumentException("sweep data of " + values.dataType() + " values cannot be for runs in "
                    + type);
        }
    }

    /**
     * The data as read of {@code data} (unscaled rows, which a run scales again with its own scaler):
     * its very array when that is C-ordered and whole, else one C-ordered copy.
     */
    public static SweepData of(RunData data) {
        data.requireInMemory("a sweep (lva sweep, lva fit --seeds)");
        INDArray x = data.dataset().features();
        if (ImageBytes.isBytes(x)) {
            throw new IllegalArgumentException("images held as bytes need the runs' precision: SweepData.of(data, type)");
        }
        return of(data, x.dataType());
    }

    /**
     * As {@link #of(RunData)}, for runs in {@code type} (FLOAT or DOUBLE): images held as bytes stay
     * bytes (every run converts the rows it takes), other values must be of that type.
     */
    public static SweepData of(RunData data, DataType type) {
        // a sweep's (and --seeds') runs share one copy of the data in memory: a sample would train them on it
        data.requireInMemory("a sweep (lva sweep, lva fit --seeds)");
        INDArray x = data.dataset().features();
        boolean whole = x.ordering() == 'c' && !x.isView() && x.length() == x.data().length();
        return new SweepData(data.source(), data.dataset().columns(), x.shape(), whole ? x : x.dup('c'), type);
    }

    /**
     * Refuses {@code --stream always} for a sweep (or {@code lva fit --seeds}) before its data is read:
     * the runs share one copy of the data in memory, and a sample of images read from the file would
     * train every run on the sample.
     */
    public static void requireInMemory(dev.lva.run.RunConfig config) {
        if (config.stream() == dev.lva.core.data.ImageStreaming.Mode.ALWAYS) {
            throw new dev.lva.api.LvaException("--stream always: a sweep (lva sweep, lva fit --seeds) holds its data in memory, one"
                    + " copy shared by its runs, and reads no images from their file a batch at a time: give --stream"
                    + " auto or never (or train one run with lva fit --stream always)");
        }
    }

    /**
     * Reads the data a run of {@code config} trains on, as {@code lva fit} does ({@code builtin:NAME}
     * for the jar's; images padded or cropped to {@code --pad-to}, the first {@code --limit}).
     */
    public static SweepData load(dev.lva.run.RunConfig config) {
        requireInMemory(config);
        DataType type = config.precision().dataType();
        String file = config.data() == null ? null : config.data().toString();
        // RunData.load reads builtin:NAME too, with --limit, as lva fit does
        RunData data = RunData.load(config, type);
        return of(data, type);
    }

    public String source() {
        return source;
    }

    public List<String> columns() {
        return columns;
    }

    /** The runs' precision: the values' type, or the type image bytes convert to. */
    public DataType dataType() {
        return type;
    }

    /** Rows (images) in the data set. */
    public int rows() {
        return (int) shape[0];
    }

    /** Whether the data are images ({@code N x C x H x W}). */
    public boolean images() {
        return shape.length == 4;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Bytes the values take: held once, however many runs read them. */
    public long bytes() {
        return values.length() * values.dataType().width();
    }

    /** The digest of the values as read (a slice at a time: no copy of the whole data set). */
    public DataDigest digest() {
        return DataDigest.of(values, type);
    }

    /** {@code 500 x 3}, {@code 240 x 1 x 16 x 16}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder();
        for (long s : shape) {
            sb.append(sb.length() == 0 ? "" : " x ").append(s);
        }
        return sb.toString();
    }

    /** The data set, on the shared values (no run writes them: see the class comment). */
    public Dataset dataset() {
        return new Dataset(values, columns);
    }

    /**
     * The run's data as {@code lva fit} makes it from the file: a fresh run fits {@code scaler} on the
     * rows, a resumed one applies the one its checkpoint saved (null: no scaling); images are never
     * scaled.
     */
    public RunData runData(Scaler scaler, boolean fit) {
        return RunData.of(source, dataset(), scaler, fit);
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        // image bytes travel as bytes, a quarter of their float32 size
        DataType held = values.dataType();
        out.writeObject(held.name());
        if (ImageBytes.isBytes(values)) {
            java.nio.ByteBuffer all = new org.bytedeco.javacpp.BytePointer(values.data().addressPointer())
                    .capacity(values.length()).asBuffer();
            for (long from = 0; from < values.length(); from += CHUNK) {
                byte[] piece = new byte[(int) Math.min(CHUNK, values.length() - from)];
                all.get((int) from, piece);
                out.writeObject(piece);
            }
            return;
        }
        boolean floats = held == DataType.FLOAT;
        INDArray flat = values.reshape(new long[] {values.length()});
        for (long from = 0; from < values.length(); from += CHUNK) {
            INDArray piece = flat.get(NDArrayIndex.interval(from, Math.min(values.length(), from + CHUNK)));
            out.writeObject(floats ? piece.toFloatVector() : piece.toDoubleVector());
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        DataType held = DataType.valueOf((String) in.readObject());
        // C order, ND4J's default (an 'c' argument here would be taken for a dimension)
        values = Nd4j.create(held, shape);
        if (held == DataType.UBYTE) {
            java.nio.ByteBuffer all = new org.bytedeco.javacpp.BytePointer(values.data().addressPointer())
                    .capacity(values.length()).asBuffer();
            for (long from = 0; from < values.length(); ) {
                byte[] piece = (byte[]) in.readObject();
                all.put((int) from, piece);
                from += piece.length;
            }
            check();
            return;
        }
        INDArray flat = values.reshape(new long[] {values.length()});
        for (long from = 0; from < values.length(); from += CHUNK) {
            Object piece = in.readObject();
            INDArray part = piece instanceof float[] f ? Nd4j.createFromArray(f) : Nd4j.createFromArray((double[]) piece);
            flat.get(NDArrayIndex.interval(from, from + part.length())).assign(part);
        }
        check();
    }
}
