package dev.lva.core.train;

import dev.lva.api.TrainingData;
import dev.lva.core.optim.Adam;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Outcome of the seed workload over a range of seeds (a diagnostic, run by hand). */
final class SeedSweep {
    public static void main(String[] args) {
        int from = Integer.parseInt(args[0]);
        int to = Integer.parseInt(args[1]);
        DataType type = args.length > 2 ? DataType.valueOf(args[2]) : DataType.FLOAT;
        INDArray x = SeedWorkload.data(type);
        for (long seed = from; seed < to; seed++) {
            TestAutoencoder model = new TestAutoencoder(3, 3, SeedWorkload.HIDDEN, true, 0.01, 0.01, seed, type);
            new GradientTrainer(TrainerOptions.fullBatch(20000)).fit(model, Adam.adam(1e-3),
                    TrainingData.autoencoding(x), List.of());
            double[] std = model.encode(x).std(0).toDoubleVector();
            Arrays.sort(std);
            System.out.printf("seed %d: stds %s rec %.3g%n", seed, Arrays.toString(std), model.reconstructionMse(x));
        }
    }

    private SeedSweep() {
    }
}
