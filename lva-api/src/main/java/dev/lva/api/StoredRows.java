package dev.lva.api;

/**
 * Rows of a data set that stay in their file and are read a few at a time: images larger than the
 * memory the process may use. A row is one sample's {@link #cols()} unsigned bytes, C-ordered
 * ({@code C x H x W} for images), which whoever reads it converts to values by lva's pixel rule
 * ({@code (byte & 0xff) / 255} in float32), the values the same bytes held in memory give.
 *
 * <p>Reads are positioned reads of the file, not a memory map: pages of a map count in the process's
 * resident memory (and in JavaCPP's physical-memory limit, which then refuses ND4J's allocations),
 * and a file truncated under a map ends the JVM with SIGBUS; a positioned read of a truncated file
 * ends in an error naming it.
 */
public interface StoredRows {
    /** The number of rows (samples). */
    int rows();

    /** The bytes of one row. */
    int cols();

    /** The shape of one sample, e.g. {@code [C, H, W]}; its product is {@link #cols()}. */
    long[] sampleShape();

    /** Where the rows are read from, for messages. */
    String source();

    /** Reads row {@code row}'s bytes into {@code into[0 .. cols())}. */
    void read(int row, byte[] into);
}
