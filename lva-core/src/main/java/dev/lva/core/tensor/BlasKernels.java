package dev.lva.core.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Which of OpenBLAS's kernel sets this process asked for. OpenBLAS 0.3.19 (the one ND4J 1.0.0-M2.1
 * ships) takes them from {@code OPENBLAS_CORETYPE} when it loads, or chooses from the CPU; it predates
 * AMD's CPUs with AVX-512 (Zen 4 and 5) and drives them with older kernels (Barcelona's, SSE-era, on a
 * 2-core Zen 5 VM), 2 to 5 times slower on lva's products than its SkylakeX kernels there. Results
 * depend on the kernel set in their last bits, so a run records the setting beside its threads. (The
 * preset lva calls OpenBLAS through does not map {@code openblas_get_corename}, so the setting is what
 * can be read, not the kernels OpenBLAS chose by itself.)
 */
public final class BlasKernels {
    private static final String[] AVX512_FLAGS = {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"};

    private BlasKernels() {
    }

    /** {@code OPENBLAS_CORETYPE} as this process was started with it, or {@code auto} (OpenBLAS's own choice). */
    public static String setting() {
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        return coretype == null || coretype.isBlank() ? "auto" : coretype.strip();
    }

    /**
     * What to say when OpenBLAS is left to choose on a CPU it does not know, or empty.
     *
     * @param vendor   the CPU's vendor ({@code AuthenticAMD}); empty where unknown
     * @param cpuFlags the CPU's flags; empty where unknown
     * @param coretype {@code OPENBLAS_CORETYPE} as set, or null: a user's choice is never questioned (a
     *                 blank one leaves OpenBLAS to choose, as unset)
     */
    static Optional<String> advice(String vendor, Set<String> cpuFlags, String coretype) {
        boolean avx512 = Arrays.stream(AVX512_FLAGS).allMatch(cpuFlags::contains);
        // 0.3.19 recognises Intel's AVX-512 parts itself
        if ((coretype != null && !coretype.isBlank()) || !avx512 || !"AuthenticAMD".equals(vendor)) {
            return Optional.empty();
        }
        return Optional.of("OpenBLAS 0.3.19 does not know this AMD CPU with AVX-512 and runs older kernels on it"
                + " (Barcelona's on a Zen 5), 2 to 5 times slower on lva's products: set OPENBLAS_CORETYPE=SkylakeX"
                + " before starting Java, as the lva script does. Results differ in their last bits from one kernel"
                + " set to another");
    }

    /** The value of {@code /proc/cpuinfo}'s first line starting with {@code key}, or empty. */
    static String cpuinfo(Path cpuinfo, String key) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith(key) && l.indexOf(':') > 0).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The CPU's flags from {@code cpuinfo}'s first {@code flags} line; empty where there is none. */
    static Set<String> cpuFlags(Path cpuinfo) {
        String flags = cpuinfo(cpuinfo, "flags");
        return flags.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(flags.split("\\s+")));
    }

    /** {@link #advice(String, Set, String)} for this process. */
    public static Optional<String> advice() {
        Path info = Path.of("/proc/cpuinfo");
        return advice(cpuinfo(info, "vendor_id"), cpuFlags(info), System.getenv("OPENBLAS_CORETYPE"));
    }
}
