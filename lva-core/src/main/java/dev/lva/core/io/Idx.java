package dev.lva.core.io;

import dev.lva.core.data.DataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The IDX format of MNIST and Fashion-MNIST (Debian's {@code dataset-fashion-mnist} installs them in
 * {@code /usr/share/datasets/fashion-mnist}), gzipped or not: a magic number naming the element
 * type and the rank, the dimensions as big-endian 32-bit integers, then the data. Reads unsigned
 * bytes (images, labels) as float32 0..255, checking the dimensions before it allocates and that
 * the data is all there.
 */
public final class Idx {
    private static final int UBYTE = 0x08;

    private Idx() {
    }

    /** Reads the first {@code limit} samples (all when {@code limit} is negative) of an unsigned-byte IDX file. */
    public static INDArray read(Path file, int limit) {
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered))
                    : buffered;
            return read(file.toString(), new DataInputStream(in), limit);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (EOFException e) {
            throw new DataException(file + ": truncated");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static INDArray read(String source, DataInputStream in, int limit) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || rank < 1 || rank > 4) {
            throw new DataException(source + ": not an IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
        }
        if (type != UBYTE) {
            throw new DataException(source + ": IDX element type 0x" + Integer.toHexString(type)
                    + " is not supported (unsigned bytes, 0x08)");
        }
        long[] shape = new long[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt() & 0xffffffffL;
            total *= Math.max(1, shape[i]);
            if (total > Npy.MAX_ELEMENTS) {
                throw new DataException(source + ": the shape " + Arrays.toString(shape) + " has more than "
                        + Npy.MAX_ELEMENTS + " elements");
            }
        }
        if (limit >= 0 && limit < shape[0]) {
            shape[0] = limit;
        }
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        INDArray out = Nd4j.create(DataType.FLOAT, shape);
        FloatPointer target = new FloatPointer(out.data().addressPointer());
        target.capacity(n);
        java.nio.FloatBuffer floats = target.asBuffer();
        byte[] chunk = new byte[1 << 16];
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(chunk.length, n - done);
            in.readFully(chunk, 0, want);
            for (int i = 0; i < want; i++) {
                floats.put((int) (done + i), chunk[i] & 0xff);
            }
            done += want;
        }
        return out;
    }
}
