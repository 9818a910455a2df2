package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.DataFiles;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.Scaler;
import dev.lva.core.io.Npy;
import dev.lva.models.LatentModel;
import dev.lva.models.checkpoint.Checkpoints;
import dev.lva.models.checkpoint.RunState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained model applied to new data: {@code encode} scales rows as the training data was scaled and
 * writes their latent codes; {@code decode} maps codes back to the data's units.
 */
public final class Codes {
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
     * Latent codes of the rows of {@code data}; the columns default to those the model was trained on
     * when the file names them, else all.
     */
    public INDArray encode(Path data, List<String> columns, CsvTable.Header header) {
        Dataset ds = DataFiles.read(data, new DataFiles.Options(header, columnsFor(data, columns, header),
                config.precision().dataType()));
        state.requireInputWidth(ds.cols(), data.toString());
        INDArray x = scaler == null ? ds.features() : scaler.transform(ds.features());
        return model.transform(x);
    }

    /** Data-space rows (in the original units) for the latent codes in {@code codes}. */
    public INDArray decode(Path codes, CsvTable.Header header) {
        Dataset ds = DataFiles.read(codes, new DataFiles.Options(header, List.of(), config.precision().dataType()));
        if (ds.cols() != model.latentDimension()) {
            throw new LvaException("the model has " + model.latentDimension() + " latent dimensions, " + codes
                    + " has " + ds.cols() + " columns (model from " + modelFile + ")");
        }
        INDArray x = model.inverseTransform(ds.features());
        return scaler == null ? x : scaler.inverseTransform(x);
    }

    /** The training run's column names, when the new file has all of them; otherwise everything. */
    private List<String> columnsFor(Path data, List<String> given, CsvTable.Header header) {
        if (!given.isEmpty() || config.columns().isEmpty()
                || !data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return given;
        }
        List<String> names = CsvTable.read(data, header).columnNames();
        return names.containsAll(config.columns()) ? config.columns() : given;
    }

    /** The names of the training data's columns, for decoded rows. */
    public List<String> dataColumns() {
        String names = state.extras().strings().get(LvaRun.DATA_COLUMNS);
        return names == null || names.isEmpty() ? List.of() : List.of(names.split(";"));
    }

    /** Writes {@code a} as .npy, or as CSV with the given column names (or {@code prefix}0, 1, ...). */
    public static void write(Path file, INDArray a, List<String> names, String prefix) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            Npy.write(file, a);
            return;
        }
        List<String> header = new ArrayList<>();
        for (int j = 0; j < a.columns(); j++) {
            header.add(names.size() == a.columns() ? names.get(j) : prefix + j);
        }
        Outputs.writeCsv(file, header, a);
    }
}
