package dev.lva.core;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Blas;
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
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** System property with lva's own thread count for a library run. */
    public static final String THREADS_PROPERTY = "lva.threads";
    private static volatile boolean chosen;

    private Engine() {
    }

    /** Threads for the engine's hot loop; ND4J's own OpenMP ops and OpenBLAS's pool keep one (see above). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new LvaException("threads must be >= 1, got " + threads);
        }
        chosen = true;
        Nd4j.getBackend(); // the backend's start-up loads the natives NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Blas.setThreads(threads);
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
