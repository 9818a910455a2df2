package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataTest {

    private static CsvTable csv(String text) throws IOException {
        return CsvTable.parse("test.csv", new StringReader(text), CsvTable.Header.AUTO);
    }

    @Test
    void readsWithAndWithoutHeaderAndSelectsColumns() throws IOException {
        CsvTable t = csv("x,y,split\n1,2,train\n3,4.5,test\n");
        assertEquals(List.of("x", "y", "split"), t.columnNames());
        Dataset d = t.numeric(List.of("y", "0"), DataType.DOUBLE);
        assertEquals(List.of("y", "x"), d.columns());
        assertEquals(Nd4j.createFromArray(new double[][] {{2, 1}, {4.5, 3}}), d.features());
        assertEquals(List.of("train", "test"), t.strings("split"));
        CsvTable plain = csv("1,2\n3,4\n");
        assertEquals(List.of("x0", "x1"), plain.columnNames());
        assertEquals(2, plain.rowCount());
    }

    @Test
    void badCellsNameFileLineAndColumn() throws IOException {
        assertEquals("test.csv:3: column 2 (b): 'abc' is not a number", assertThrows(DataException.class,
                () -> csv("a,b\n1,2\n3,abc\n").numeric(null, DataType.FLOAT)).getMessage());
        assertEquals("test.csv:2: column 1 (a): value NaN is not finite", assertThrows(DataException.class,
                () -> csv("a,b\nNaN,2\n").numeric(null, DataType.FLOAT)).getMessage());
        assertEquals("test.csv:3: row has 3 cells, expected 2 as on line 1",
                assertThrows(DataException.class, () -> csv("a,b\n1,2\n1,2,3\n")).getMessage());
        assertEquals("test.csv: the file is empty", assertThrows(DataException.class, () -> csv("\n\n")).getMessage());
        assertEquals("test.csv: the file has a header but no data rows",
                assertThrows(DataException.class, () -> csv("a,b\n")).getMessage());
        assertEquals("test.csv: no column named 'z'; columns are [a, b]", assertThrows(DataException.class,
                () -> csv("a,b\n1,2\n").numeric(List.of("z"), DataType.FLOAT)).getMessage());
    }

    @Test
    void splitIsAPartitionOfTheRequestedSize() {
        INDArray x = Nd4j.arange(30).castTo(DataType.DOUBLE).reshape(30, 1);
        Dataset.Split s = new Dataset(x).split(0.4, 0);
        assertEquals(18, s.train().rows());
        assertEquals(12, s.test().rows());
        Set<Double> all = new HashSet<>();
        for (double v : s.train().features().toDoubleVector()) {
            all.add(v);
        }
        for (double v : s.test().features().toDoubleVector()) {
            all.add(v);
        }
        assertEquals(30, all.size());
        assertEquals(s.test().features(), new Dataset(x).split(0.4, 0).test().features(), "seeded");
    }

    @Test
    void batchesCoverEveryRowOnce() {
        INDArray x = Nd4j.arange(10).castTo(DataType.DOUBLE).reshape(10, 1);
        List<Double> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (INDArray b : new Dataset(x).batches(4, true, 3)) {
            sizes.add((int) b.rows());
            for (double v : b.toDoubleVector()) {
                seen.add(v);
            }
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(10, new HashSet<>(seen).size());
    }

    @Test
    void scalersRoundTripAndHandleConstantColumns() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 5, 10}, {3, 5, 20}, {5, 5, 60}});
        for (Scaler s : new Scaler[] {new StandardScaler(), new MinMaxScaler()}) {
            INDArray scaled = s.fitTransform(x);
            assertArrayEquals(new int[] {1}, s.constantColumns());
            assertEquals(0.0, scaled.getColumn(1).amaxNumber().doubleValue(), "constant column -> 0");
            assertTrue(s.inverseTransform(scaled).equalsWithEps(x, 1e-12));
        }
        INDArray standard = new StandardScaler().fitTransform(x);
        assertEquals(0.0, standard.getColumn(0).meanNumber().doubleValue(), 1e-12);
        assertEquals(1.0, standard.getColumn(0).std(false, 0).getDouble(0), 1e-12);
        INDArray minmax = new MinMaxScaler().fitTransform(x);
        assertEquals(0.0, minmax.getColumn(2).minNumber().doubleValue(), 1e-12);
        assertEquals(1.0, minmax.getColumn(2).maxNumber().doubleValue(), 1e-12);
    }
}
