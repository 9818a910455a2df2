package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.DataFiles;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.Scaler;
import dev.lva.core.io.Npy;
import dev.lva.models.LatentModel;
import dev.lva.models.checkpoint.Checkpoints;
import dev.lva.models.checkpoint.RunState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
