package dev.lva.core.train;

import dev.lva.core.data.CsvTable;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The seed workload's data (DESIGN §4): the course's 3-D curve, as shipped in data/ae3d.csv. */
final class SeedWorkload {
    static final Path DATA = Path.of("..", "data", "ae3d.csv");
    static final int[] HIDDEN = {48, 48, 48, 48};

    static INDArray data(DataType type) {
        return CsvTable.read(DATA, CsvTable.Header.AUTO).numeric(null, type).features();
    }

    private SeedWorkload() {
    }

    /** Prints ms per step of the seed workload: a quick look, not a benchmark (lva bench is). */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        INDArray x = data(DataType.FLOAT);
        TestAutoencoder model = new TestAutoencoder(3, 3, HIDDEN, true, 0.01, 0.01, 0, DataType.FLOAT);
        GradientTrainer trainer = new GradientTrainer(TrainerOptions.fullBatch(steps));
        long t0 = System.nanoTime();
        var result = trainer.fit(model, dev.lva.core.optim.Adam.adam(1e-3), dev.lva.api.TrainingData.autoencoding(x),
                java.util.List.of());
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        INDArray z = model.encode(x);
        System.out.printf("%d steps, %.3f ms/step, rec %.3g, stds %s%n", steps, ms, model.reconstructionMse(x),
                z.std(0));
        System.out.println(result);
    }
}
