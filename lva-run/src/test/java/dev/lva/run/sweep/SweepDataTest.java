package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lva.core.checkpoint.DataDigest;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.StandardScaler;
import dev.lva.run.RunData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One copy of a sweep's data per JVM: seeds and sweeps on this machine read the array {@code lva fit}
 * loaded, not a copy each (a copy per run, and one on the Java heap, made {@code lva fit --seeds} on
 * 60,000 images fail with "Java heap space"); Spark's executors get the same numbers by serialization.
 */
class SweepDataTest {

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("p" + i);
        }
        return names;
    }

    private static RunData images() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 4, 4);
        return RunData.of("x.npy", new Dataset(x, names(16)), null, false);
    }

    @Test
    void everyRunReadsTheImagesLoadedOnceNotACopy() {
        RunData loaded = images();
        SweepData data = SweepData.of(loaded);
        assertSame(loaded.dataset().features(), data.dataset().features(), "the loaded array itself, no copy");
        RunData first = data.runData(null, true);
        RunData second = data.runData(null, true);
        long address = loaded.dataset().features().data().address();
        assertEquals(address, first.scaled().data().address(), "a run's rows are views of the one copy");
        assertEquals(address, second.scaled().data().address());
        assertEquals(6L * 16 * 4, data.bytes());
    }

    @Test
    void aTablesRunsScaleTheirOwnCopyAndLeaveTheSharedRowsAsRead() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 5}, {5, 11}});
        INDArray asRead = x.dup();
        SweepData data = SweepData.of(RunData.of("t.csv", new Dataset(x, List.of("a", "b")), null, false));
        RunData run = data.runData(new StandardScaler(), true);
        assertEquals(0.0, run.scaled().getDouble(1, 0), 1e-6);
        assertEquals(asRead, data.dataset().features(), "scaling a run never writes the shared rows");
        assertSame(x, data.dataset().features());
    }

    @Test
    void serializedForSparkTheValuesArriveBitForBit() throws Exception {
        float[] values = new float[2 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.37f - 3;
        }
        SweepData data = new SweepData("x.npy", names(16), new long[] {2, 1, 4, 4}, values, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(data);
        }
        SweepData back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SweepData) in.readObject();
        }
        assertEquals("x.npy", back.source());
        assertEquals(names(16), back.columns());
        assertArrayEquals(new long[] {2, 1, 4, 4}, back.shape());
        assertEquals(DataType.FLOAT, back.dataType());
        assertArrayEquals(values, back.dataset().features().data().asFloat());
        // what a sweep folder records of its data: the digest of the values as read, the same on both sides
        assertEquals(DataDigest.of(new long[] {2, 1, 4, 4}, values), data.digest());
        assertEquals(data.digest(), back.digest());
    }
}
