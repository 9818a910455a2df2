package dev.lva.core;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.BlasKernels;
import dev.lva.core.tensor.Workers;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide settings of the native side. Thread counts: {@code OMP_NUM_THREADS} sets both ND4J's
 * OpenMP pool and OpenBLAS at start-up; with two threads on two cores their spin-waiting fights
 * (a 256^3 product took 261 us with OpenMP at 1 and 376 us with OpenMP at 2, OpenBLAS at 2 in both).
 * The engine's hot loop makes no ND4J ops, so {@link #setThreads} keeps ND4J's OpenMP and OpenBLAS
 * at one thread each and cuts the work over the engine's own {@link dev.lva.core.tensor.Workers}.
 *
 * <p>A library user gets the same without asking: when the engine's kernels first load, ND4J's
 * OpenMP pool and OpenBLAS are set to one thread each and lva's own workers to
 * {@code -Dlva.threads} (default 1), unless the user chose: {@code OMP_NUM_THREADS} in the
 * environment keeps ND4J's and OpenBLAS's own settings, and {@link #setThreads} before or after
 * the first use wins. (Training through the library without this took 227 s against 41 s.)
 *
 * <p>ND4J starts its BLAS side lazily: the first {@code INDArray.mmul} (or anything else that asks
 * {@code Nd4j.factory().blas()}) constructs its BLAS wrapper, whose constructor sets OpenBLAS to
 * {@code OMP_NUM_THREADS} or to every core. Measured: OpenBLAS at 1 thread after {@link #setThreads},
 * at 2 after the first {@code mmul}, and a library fit's reconstruction error then varied from launch
 * to launch (3.06e-4, 3.18e-4, 3.54e-4 against 3.08e-4 from the CLI). So every setting here first
 * makes ND4J finish that start-up, then applies itself; and the trainer checks before each run that
 * the setting still holds ({@link #requireThreads}), since any other library may call into ND4J too.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** System property with lva's own thread count for a library run. */
    public static final String THREADS_PROPERTY = "lva.threads";
    private static volatile boolean chosen;
    /** OpenBLAS's and OpenMP's thread counts as lva's setting left them; 0 before the first use. */
    private static volatile int blasThreads;
    private static volatile int ompThreads;

    /**
     * The thread counts a run computes with: lva's own workers, OpenBLAS's pool and ND4J's OpenMP
     * pool, and the kernel set asked of OpenBLAS ({@link BlasKernels}). Results depend on all four, so a
     * run records them.
     */
    public record Threads(int engine, int openblas, int openmp, String openblasCoretype) {
        /** {@code engine 1, OpenBLAS 1, OpenMP 1}. */
        public String text() {
            return "engine " + engine + ", OpenBLAS " + openblas + ", OpenMP " + openmp;
        }

        /** For summary.json: {@code {"engine": 1, "openblas": 1, "openmp": 1, "openblas_coretype": "Haswell"}}. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("engine", engine);
            m.put("openblas", openblas);
            m.put("openmp", openmp);
            m.put("openblas_coretype", openblasCoretype);
            return m;
        }
    }

    private Engine() {
    }

    /** Threads for the engine's hot loop; ND4J's own OpenMP ops and OpenBLAS's pool keep one (see above). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new LvaException("threads must be >= 1, got " + threads);
        }
        chosen = true;
        startNd4j();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Blas.setThreads(threads);
        remember();
    }

    /**
     * Makes ND4J finish its lazy start-up now: the backend (which loads the natives) and its BLAS
     * wrapper, whose constructor resets OpenBLAS's threads (see the class comment). A setting made
     * after this is not undone by ND4J's first product.
     */
    static void startNd4j() {
        Nd4j.getBackend();
        Nd4j.factory().blas();
    }

    /** The thread counts in force now, read back from the native libraries. */
    public static Threads threads() {
        return new Threads(Workers.parallelism(), Nd4j.factory().blas().getMaxThreads(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(), BlasKernels.setting());
    }

    private static void remember() {
        Threads now = threads();
        blasThreads = now.openblas();
        ompThreads = now.openmp();
    }

    /**
     * Checks that the native thread counts are still those lva's setting left (ND4J or another
     * library may have changed them since), sets them back if not, and returns the counts a run now
     * computes with. The trainer calls it before training; a run records what it returns.
     *
     * @throws LvaException when a count cannot be set back
     */
    public static Threads requireThreads() {
        Blas.threads(); // loads the kernels, and with them the first-use settings, if nothing has yet
        Threads now = threads();
        int blas = blasThreads;
        int omp = ompThreads;
        if ((blas > 0 && now.openblas() != blas) || (omp > 0 && now.openmp() != omp)) {
            LOG.warn("native threads changed after lva set them (OpenBLAS {} instead of {}, OpenMP {} instead of {}): "
                    + "set back, since results depend on them", now.openblas(), blas, now.openmp(), omp);
            if (blas > 0) {
                Nd4j.factory().blas().setMaxThreads(blas);
            }
            if (omp > 0) {
                NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(omp);
            }
            now = threads();
            if ((blas > 0 && now.openblas() != blas) || (omp > 0 && now.openmp() != omp)) {
                throw new LvaException("OpenBLAS runs on " + now.openblas() + " thread(s) and ND4J's OpenMP on "
                        + now.openmp() + ", and they cannot be set back to " + blas + " and " + omp + "; results would"
                        + " not be reproducible. Set OMP_NUM_THREADS=" + blas + " in the environment");
            }
        }
        return now;
    }

    /** What {@link #firstUse} does, given the environment and system properties. */
    enum Defaults { KEEP_CHOSEN, KEEP_ENVIRONMENT, ONE_THREAD_EACH }

    static Defaults defaults(boolean chosenInCode, Map<String, String> env) {
        if (chosenInCode) {
            return Defaults.KEEP_CHOSEN;
        }
        String omp = env.get("OMP_NUM_THREADS");
        return omp != null && !omp.isBlank() ? Defaults.KEEP_ENVIRONMENT : Defaults.ONE_THREAD_EACH;
    }

    /**
     * Called once, when the engine's kernels load: chooses fast thread settings unless the user has
     * (see the class comment), and says how to change them.
     */
    public static void firstUse() {
        startNd4j();
        BlasKernels.advice().ifPresent(LOG::warn);
        switch (defaults(chosen, System.getenv())) {
            case KEEP_CHOSEN -> LOG.debug("engine threads as set by Engine.setThreads");
            case KEEP_ENVIRONMENT -> LOG.debug("OMP_NUM_THREADS={} sets ND4J's OpenMP and OpenBLAS threads; lva's own: {}",
                    System.getenv("OMP_NUM_THREADS"), Workers.parallelism());
            case ONE_THREAD_EACH -> {
                int threads = threadsProperty();
                NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
                Blas.setThreads(threads);
                LOG.info("lva runs ND4J's OpenMP pool and OpenBLAS on one thread each (two pools spinning on few cores "
                        + "made training several times slower) and its own kernels on {} thread(s); change it with "
                        + "Engine.setThreads(n) or -D{}=n, or set OMP_NUM_THREADS to keep ND4J's own choice",
                        threads, THREADS_PROPERTY);
            }
        }
        remember();
    }

    private static int threadsProperty() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p == null || p.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(p.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("-D{}={} is not a thread count >= 1; using 1", THREADS_PROPERTY, p);
        return 1;
    }

    /** Default floating type of new ND4J arrays; lva's components follow their inputs' type. */
    public static void setDefaultDataType(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new LvaException("lva computes in FLOAT or DOUBLE, not " + type);
        }
        Nd4j.setDefaultDataTypes(type, type);
    }

    /** ND4J's version string as its jar manifest gives it. */
    public static String nd4jVersion() {
        Package p = Nd4j.class.getPackage();
        return p == null || p.getImplementationVersion() == null ? "1.0.0-M2.1" : p.getImplementationVersion();
    }
}
