package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lva.api.StateDict;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.Engine;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The MLP workloads' numbers, pinned bit for bit: a digest of every parameter, every spectral-norm
 * vector and every step's loss after a short float32 run. The values were computed with the engine
 * as it stood before the kernel seam and the convolutions came in (commit 82b5895); an engine change
 * that moves a single bit of the MLP path fails here. Same thread count, same numbers (DESIGN §5).
 *
 * <p>The bits also depend on OpenBLAS's kernels: the first digest of each pair is that of its Haswell
 * kernels, the second that of its SkylakeX kernels, which the {@code lva} script asks for on AVX-512 CPUs.
 * The build sets {@code OPENBLAS_CORETYPE} in every test JVM (Haswell unless
 * {@code -Dlva.test.openblas.coretype=SkylakeX}): left to itself OpenBLAS 0.3.19 picks Barcelona's kernels on
 * a Zen 5 VM, and this test failed there.
 */
class PinnedNumbersTest {

    /** The digest pinned for the OpenBLAS kernels this JVM runs (see the class comment). */
    private static String pinned(String haswell, String skylakeX) {
        return "skylakex".equalsIgnoreCase(System.getenv("OPENBLAS_CORETYPE")) ? skylakeX : haswell;
    }

    /** DESIGN §4's seed workload, seed 1, 400 full-batch steps on one thread. */
    @Test
    void seedWorkloadOnOneThread() {
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withSeed(1));
        String digest = train(lvae, CourseData.curve(), TrainerOptions.fullBatch(400), 1);
        assertEquals(pinned("6c6a61d9380745a3", "b2b0f71be52a0d8e"), digest);
    }

    /** Minibatches of two sizes (a full batch of 64 and a last one of 44), 5 epochs, one thread. */
    @Test
    void minibatchRunOnOneThread() {
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(8, 4,
                List.of(32, 32), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                Precision.FLOAT32, 3));
        String digest = train(lvae, CourseData.sheet(300, 8, 5), TrainerOptions.minibatch(5, 64, 2), 1);
        assertEquals(pinned("3ead94fb97eca161", "ca599ec362101ff6"), digest);
    }

    /**
     * Scale-like shapes on two threads: products cut over the workers, activations and Adam in
     * ranges (each path only runs above its size threshold).
     */
    @Test
    void wideLayersOnTwoThreads() {
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(32, 32,
                List.of(256, 256), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                Precision.FLOAT32, 4));
        String digest = train(lvae, CourseData.sheet(512, 32, 6), TrainerOptions.minibatch(2, 256, 1), 2);
        assertEquals(pinned("04d0a55a0bad543f", "f4cd09794c0c94b9"), digest);
    }

    private static String train(LeastVolumeAutoencoder model, INDArray x, TrainerOptions options, int threads) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        TrainingListener losses = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                sha.update(ByteBuffer.allocate(16).putDouble(loss.data()).putDouble(loss.penalty()).array());
            }
        };
        Engine.setThreads(threads);
        try {
            new GradientTrainer(options).fit(model, Adam.adam(1e-3), TrainingData.autoencoding(x), List.of(losses));
        } finally {
            Engine.setThreads(1);
        }
        update(sha, model.parameters());
        Map<String, StateDict> states = new TreeMap<>(model.states());
        // the digests were pinned over the layers' states (spectral norm's u and v), before the model's
        // states included its pruning (float64 moving averages)
        states.remove(LeastVolumeAutoencoder.PRUNING_STATE);
        for (Map.Entry<String, StateDict> e : states.entrySet()) {
            sha.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Map.Entry<String, INDArray> a : new TreeMap<>(e.getValue().arrays()).entrySet()) {
                update(sha, a.getValue());
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static void update(MessageDigest sha, INDArray a) {
        assertEquals(DataType.FLOAT, a.dataType());
        float[] v = a.dup().reshape(a.length()).toFloatVector();
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (float f : v) {
            b.putInt(Float.floatToRawIntBits(f));
        }
        sha.update(b.array());
    }
}
