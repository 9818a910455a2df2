package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.TrainingData;
import dev.lva.core.Engine;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fit from Java, as the README's library example runs it (no {@code lva} script, so no
 * {@code OMP_NUM_THREADS}), gives the same numbers on every launch. It used not to: ND4J's first
 * {@code INDArray.mmul} reset OpenBLAS to every core after lva had set it to one, and the
 * reconstruction error of one fit came out 3.06e-4, 3.18e-4 and 3.54e-4 on three launches.
 */
class LibraryReproducibilityTest {

    /** One library fit in a fresh JVM; prints "fit MSE-BITS LOSS-BITS | threads". */
    public static final class Fit {
        public static void main(String[] args) {
            INDArray x = CourseData.sheet(1024, 32, 6);
            // making the model loads lva's kernels, which apply lva's thread setting
            LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(32, 32,
                    List.of(256, 256), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                    Precision.FLOAT32, 4));
            // then the user's own ND4J product (a covariance, a PCA baseline) starts ND4J's BLAS side
            x.transpose().mmul(x);
            double loss = new GradientTrainer(TrainerOptions.fullBatch(40))
                    .fit(lvae, Adam.adam(1e-3), TrainingData.autoencoding(x), List.of()).lastLoss().total();
            LatentAnalysis a = LatentAnalysis.of(lvae, x);
            System.out.println("fit " + Long.toHexString(Double.doubleToLongBits(a.lossNone())) + " "
                    + Long.toHexString(Double.doubleToLongBits(loss)) + " | " + Engine.threads().text());
        }
    }

    /** @param omp the JVM's OMP_NUM_THREADS (the {@code lva} script exports 1), or null for none */
    private static String fitInAFreshJvm(String omp) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Dorg.nd4j.log.initialization=false",
                Fit.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // as a library user's JVM starts: nothing in the environment chooses the threads
        pb.environment().remove("OMP_NUM_THREADS");
        if (omp != null) {
            pb.environment().put("OMP_NUM_THREADS", omp);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the fit did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("fit ")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    /**
     * Two launches without OMP_NUM_THREADS, and one with the {@code lva} script's OMP_NUM_THREADS=1:
     * the same bits. (Before, the library fit trained with OpenBLAS on every core and its numbers
     * differed from the script's.)
     */
    @Test
    void launchesOfOneFitGiveTheNumbersOfTheCommandLine() throws Exception {
        String first = fitInAFreshJvm(null);
        String second = fitInAFreshJvm(null);
        String script = fitInAFreshJvm("1");
        assertTrue(first.endsWith("| engine 1, OpenBLAS 1, OpenMP 1"), first);
        assertEquals(first, second);
        assertEquals(script, first);
    }
}
