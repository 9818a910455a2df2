package dev.lva.core.data;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Sizes an array before it is allocated. ND4J allocates off the Java heap: an array too large for
 * the machine does not fail with an OutOfMemoryError the caller can report, but grows the process
 * until the kernel stops it, or ends in native {@code std::bad_alloc}; one of more than 2^31 - 1
 * elements overflows ND4J's int indexing. So every allocation whose size follows from a user's file
 * or option is checked here first, and refused with the bytes it would need and what to change.
 */
public final class NativeMemory {
    /** The most elements one array may have (lva and ND4J's kernels index arrays with ints). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    private NativeMemory() {
    }

    /**
     * Refuses an array of {@code elements} values of {@code type} that cannot fit in one array or in
     * the memory this process may still use.
     *
     * @param what what the array holds, e.g. {@code "x.npy: 60000 images of 1 x 4096 x 4096"}
     * @param hint what to change, e.g. {@code "lower --pad-to or --limit"}; may be empty
     */
    public static void require(long elements, DataType type, String what, String hint) {
        Budget b = budget();
        require(elements, type, what, hint, b.bytes(), b.source());
    }

    /** As {@link #require(long, DataType, String, String)}, against {@code budget} bytes of free memory. */
    static void require(long elements, DataType type, String what, String hint, long budget) {
        require(elements, type, what, hint, budget, "free memory");
    }

    private static void require(long elements, DataType type, String what, String hint, long budget,
                                String source) {
        long width = type.width();
        long bytes = elements > Long.MAX_VALUE / width ? Long.MAX_VALUE : elements * width;
        String tail = hint.isEmpty() ? "" : "; " + hint;
        String name = type == DataType.FLOAT ? "float32" : type == DataType.DOUBLE ? "float64"
                : type == DataType.UBYTE ? "uint8" : type.name().toLowerCase(Locale.ROOT);
        if (elements > MAX_ELEMENTS) {
            throw new DataException(what + " as " + name + " is " + String.format(Locale.ROOT, "%,d", elements)
                    + " values (" + bytes(bytes) + "), more than one array holds (" + String.format(Locale.ROOT,
                    "%,d", MAX_ELEMENTS) + ")" + tail);
        }
        if (bytes > budget) {
            throw new DataException(what + " as " + name + " needs " + bytes(bytes) + ", more than the "
                    + bytes(budget) + " this process may still use (" + source + ")" + tail);
        }
    }

    /** What this process may still allocate, and what bounds it, for messages. */
    public record Budget(long bytes, String source) {
    }

    /**
     * The bytes this process can still allocate: the free physical memory, and no more than JavaCPP's
     * limit ({@code org.bytedeco.javacpp.maxPhysicalBytes}, by default 4 x the Java heap) leaves: past
     * it JavaCPP refuses ND4J's allocations itself, with an OutOfMemoryError.
     */
    public static Budget budget() {
        Budget free = new Budget(Long.MAX_VALUE, "free memory");
        try {
            long available = Pointer.availablePhysicalBytes();
            if (available > 0) {
                free = new Budget(available, "free memory");
            }
            long max = Pointer.maxPhysicalBytes();
            long left = Math.max(0, max - Pointer.physicalBytes());
            if (max > 0 && left < free.bytes()) {
                free = new Budget(left, "JavaCPP's limit org.bytedeco.javacpp.maxPhysicalBytes, " + bytes(max)
                        + ", 4 x the Java heap unless set; raise -Xmx or set it with LVA_JAVA_OPTS");
            }
        } catch (UnsatisfiedLinkError e) {
            // no native library to ask: the element count is still checked
        }
        return free;
    }

    /** {@code 4,026,531,840,000 bytes (3.7 TiB)}. */
    static String bytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
        return u < 0 ? exact : exact + String.format(Locale.ROOT, " (%.1f %s)", v, units[u]);
    }
}
