package dev.lva.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlasKernelsTest {
    private static final Set<String> AVX512 = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw",
            "avx512dq", "avx512vl");

    @Test
    void theSettingIsTheEnvironmentsOrAuto() {
        // the test JVMs run the kernels the build names (OPENBLAS_CORETYPE, Haswell unless chosen otherwise)
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        assertEquals(coretype == null || coretype.isBlank() ? "auto" : coretype.strip(), BlasKernels.setting());
    }

    @Test
    void anAmdCpuWithAvx512LeftToOpenBlasGetsAdvice() {
        String advice = BlasKernels.advice("AuthenticAMD", AVX512, null).orElseThrow();
        assertTrue(advice.contains("OPENBLAS_CORETYPE=SkylakeX") && advice.contains("AVX-512"), advice);
        // set but blank, OpenBLAS chooses all the same
        assertTrue(BlasKernels.advice("AuthenticAMD", AVX512, " ").isPresent());
    }

    @Test
    void aUsersChoiceIntelsAvx512AndCpusWithoutItGetNone() {
        assertTrue(BlasKernels.advice("AuthenticAMD", AVX512, "Haswell").isEmpty());
        assertTrue(BlasKernels.advice("GenuineIntel", AVX512, null).isEmpty());
        assertTrue(BlasKernels.advice("AuthenticAMD", Set.of("avx2", "fma", "avx512f"), null).isEmpty());
        assertTrue(BlasKernels.advice("", Set.of(), null).isEmpty());
    }

    @Test
    void theCpuIsReadFromTheFirstLines(@TempDir Path dir) throws Exception {
        Path info = dir.resolve("cpuinfo");
        Files.writeString(info, "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 fma avx2\n\n"
                + "processor\t: 1\nflags\t: fpu\n");
        assertEquals(Set.of("fpu", "sse2", "avx2", "fma"), BlasKernels.cpuFlags(info));
        assertEquals("AuthenticAMD", BlasKernels.cpuinfo(info, "vendor_id"));
        Files.writeString(info, "Features\t: fp asimd\n");
        assertEquals(Set.of(), BlasKernels.cpuFlags(info));
        assertEquals(Set.of(), BlasKernels.cpuFlags(dir.resolve("missing")));
    }
}
