package dev.lva.api;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Rows of a data set that stay in their file and are read a few at a time: images larger than the
 * memory the process may use. A row is one sample's {@link #cols()} values, C-ordered ({@code C x H x W}
 * for images): unsigned bytes ({@link #valueType()} UBYTE, read with {@link #read}), which whoever reads
 * them converts to values by lva's pixel rule ({@code (byte & 0xff) / 255} in float32), the values the
 * same bytes held in memory give; or float32 or float64 values used as stored (FLOAT or DOUBLE, read
 * with {@link #readValues}).
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

    /** Reads row {@code row}'s bytes into {@code into[0 .. cols())}, for rows of bytes. */
    void read(int row, byte[] into);

    /** How a row's values are stored: UBYTE (bytes, the pixel rule converts them), FLOAT or DOUBLE (used as stored). */
    default DataType valueType() {
        return DataType.UBYTE;
    }

    /** Reads row {@code row}'s values into {@code into[0 .. cols())}, for rows of FLOAT or DOUBLE values. */
    default void readValues(int row, double[] into) {
        throw new UnsupportedOperationException(source() + " holds bytes: read(int, byte[]) reads them");
    }
}
