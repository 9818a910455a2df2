package dev.lva.core;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Process-wide settings of the native side. Thread counts: {@code OMP_NUM_THREADS} sets both ND4J's
 * OpenMP pool and OpenBLAS at start-up; with two threads on two cores their spin-waiting fights
 * (a 256^3 product took 261 us with OpenMP at 1 and 376 us with OpenMP at 2, OpenBLAS at 2 in both).
 * The engine's hot loop makes no ND4J ops, so {@link #setThreads} keeps ND4J's OpenMP and OpenBLAS
 * at one thread each and cuts the work over the engine's own {@link dev.lva.core.tensor.Workers}.
 */
public final class Engine {
    private Engine() {
    }

    /** Threads for the engine's hot loop; ND4J's own OpenMP ops and OpenBLAS's pool keep one (see above). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new LvaException("threads must be >= 1, got " + threads);
        }
        Nd4j.getBackend(); // the backend's start-up loads the natives NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Blas.setThreads(threads);
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
