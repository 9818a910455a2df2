package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The lva script's choice of OpenBLAS kernels: SkylakeX on a CPU with the AVX-512 its kernels use
 * (ND4J's OpenBLAS 0.3.19 would drive such a CPU it does not know, AMD's Zen 4, with its Haswell
 * kernels), nothing elsewhere, and never over the user's own OPENBLAS_CORETYPE. Sourcing the script
 * defines the function and runs nothing (bench/sweep.sh sources it so).
 */
class OpenBlasCoreTypeTest {
    private static final Path SCRIPT = Path.of("..", "lva").toAbsolutePath().normalize();

    /** What OPENBLAS_CORETYPE is after the script's function ran in an environment with {@code env} added. */
    private static String coreTypeAfter(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; source \"$1\"; openblas_coretype; echo \"core=${OPENBLAS_CORETYPE-unset}\"", "bash",
                SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), out);
        // sourcing printed nothing of its own: no build, no java
        assertEquals(1, out.lines().count(), out);
        return out.strip();
    }

    private static boolean hasSkylakeXFeatures() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return false;
        }
        String flags = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> " " + l.substring(l.indexOf(':') + 1) + " ").orElse("");
        return List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl").stream()
                .allMatch(f -> flags.contains(" " + f + " "));
    }

    @Test
    void choosesSkylakeXOnlyWhereTheCpuRunsIt() throws Exception {
        assertEquals(hasSkylakeXFeatures() ? "core=SkylakeX" : "core=unset", coreTypeAfter(Map.of()));
    }

    @Test
    void keepsTheUsersChoice() throws Exception {
        assertEquals("core=Haswell", coreTypeAfter(Map.of("OPENBLAS_CORETYPE", "Haswell")));
        // set but empty is a choice too (OpenBLAS then detects the CPU itself)
        assertEquals("core=", coreTypeAfter(Map.of("OPENBLAS_CORETYPE", "")));
    }
}
