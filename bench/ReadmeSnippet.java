import dev.lva.api.TrainingData;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import dev.lva.run.RunData;
import dev.lva.run.Scaling;
import dev.lva.models.LatentAnalysis;
import dev.lva.models.LeastVolumeAutoencoder;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The README's "use one module in your own code" snippet, timed: what a research user's own main
 * gets from the library, with no OMP_NUM_THREADS and no Engine call. Run it from the repository root
 * after building the jar (./lva --version builds it):
 *
 *   env -u OMP_NUM_THREADS java -cp lva-examples/target/lva.jar bench/ReadmeSnippet.java [steps]
 */
public final class ReadmeSnippet {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        INDArray x = RunData.builtIn("ae3d.csv", List.of(), Scaling.NONE, DataType.FLOAT).scaled();
        long t0 = System.nanoTime();
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3).withSeed(1));
        new GradientTrainer(TrainerOptions.fullBatch(steps)).fit(lvae, Adam.adam(1e-3), TrainingData.autoencoding(x), List.of());
        double seconds = (System.nanoTime() - t0) / 1e9;
        LatentAnalysis a = LatentAnalysis.of(lvae, x);
        System.out.printf("%d steps in %.1f s (%.3f ms/step); OMP_NUM_THREADS=%s; sorted stds %s%n", steps, seconds,
                seconds * 1e3 / steps, System.getenv("OMP_NUM_THREADS"), java.util.Arrays.toString(a.sortedStds()));
    }
}
