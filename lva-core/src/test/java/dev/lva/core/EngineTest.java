package dev.lva.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A library user who never heard of OMP_NUM_THREADS gets the settings {@code lva fit} runs with:
 * ND4J's OpenMP pool and OpenBLAS on one thread each once the engine's kernels load.
 */
class EngineTest {

    /**
     * What a fresh JVM sees after its first product, printed for the test: "omp blas workers".
     * Arguments: {@code set} calls {@code Engine.setThreads(1)} first; {@code mmul} then makes an
     * ND4J product ({@code INDArray.mmul}), which starts ND4J's BLAS side.
     */
    public static final class FirstUse {
        public static void main(String[] args) {
            List<String> steps = List.of(args);
            if (steps.contains("set")) {
                Engine.setThreads(1);
            } else {
                dev.lva.core.tensor.Matrix a = dev.lva.core.tensor.Matrix.zeros(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 4);
                dev.lva.core.tensor.Blas.gemm(false, false, 1, a, a, 0, a);
            }
            if (steps.contains("mmul")) {
                org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.rand(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, 64, 64);
                x.mmul(x);
            }
            System.out.println("threads " + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads() + " "
                    + openblas_nolapack.blas_get_num_threads() + " " + dev.lva.core.tensor.Workers.parallelism());
        }
    }

    private static String firstUse(Map<String, String> env, String... jvmArgs) throws IOException, InterruptedException {
        return firstUse(env, List.of(jvmArgs), List.of());
    }

    private static String firstUse(Map<String, String> env, List<String> jvmArgs, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.nd4j.log.initialization=false"));
        cmd.addAll(jvmArgs);
        cmd.add(FirstUse.class.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("threads ")).findFirst().orElse(out);
    }

    @Test
    void withoutOmpNumThreadsTheFirstUseChoosesOneNativeThreadEach() throws Exception {
        assertEquals("threads 1 1 1", firstUse(Map.of()));
    }

    /**
     * ND4J's BLAS wrapper, made on the first {@code INDArray.mmul}, sets OpenBLAS to every core when
     * OMP_NUM_THREADS is unset: the setting must hold after it (it used to read 2 here on 2 cores).
     */
    @Test
    void setThreadsHoldsAfterNd4jsFirstProduct() throws Exception {
        assertEquals("threads 1 1 1", firstUse(Map.of(), List.of(), List.of("set", "mmul")));
    }

    @Test
    void theFirstUseSettingHoldsAfterNd4jsFirstProduct() throws Exception {
        assertEquals("threads 1 1 1", firstUse(Map.of(), List.of(), List.of("mmul")));
    }

    /** Another library resetting OpenBLAS is caught before training and undone. */
    @Test
    void requireThreadsSetsBackWhatSomethingElseChanged() {
        int before = Engine.requireThreads().openblas();
        try {
            openblas_nolapack.blas_set_num_threads(before + 1);
            assertEquals(before + 1, Engine.threads().openblas());
            Engine.Threads t = Engine.requireThreads();
            assertEquals(before, t.openblas());
            assertEquals(before, openblas_nolapack.blas_get_num_threads());
        } finally {
            openblas_nolapack.blas_set_num_threads(before);
        }
    }

    @Test
    void aSystemPropertySetsTheEnginesOwnThreads() throws Exception {
        assertEquals("threads 1 1 2", firstUse(Map.of(), "-Dlva.threads=2"));
    }

    @Test
    void whatTheUserChoseIsKept() {
        assertEquals(Engine.Defaults.ONE_THREAD_EACH, Engine.defaults(false, Map.of()));
        assertEquals(Engine.Defaults.KEEP_ENVIRONMENT, Engine.defaults(false, Map.of("OMP_NUM_THREADS", "4")));
        assertEquals(Engine.Defaults.KEEP_CHOSEN, Engine.defaults(true, Map.of()));
    }
}
