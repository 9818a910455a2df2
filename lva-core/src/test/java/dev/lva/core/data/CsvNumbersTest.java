package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/** What a CSV cell must look like to be read as a number, and what happens to numbers a type cannot hold. */
class CsvNumbersTest {

    private static Dataset read(String text, DataType type) throws IOException {
        return CsvTable.parse("t.csv", new StringReader(text), CsvTable.Header.AUTO).numeric(List.of(), type);
    }

    private static String error(String text, DataType type) {
        return assertThrows(DataException.class, () -> read(text, type)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1", "+1.0", "1.", ".5", "-.5", "0", "-0.0", "1e3", "1E-3", "-2.5e+07", "007",
            "3.4028234e38", "1.4e-45"})
    void decimalsWithSignAndExponentAreNumbers(String cell) throws IOException {
        Dataset d = read("a,b\n" + cell + ",1\n2,3\n", DataType.DOUBLE);
        assertEquals(Double.parseDouble(cell), d.features().getDouble(0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "0x10", "1.5d", "1.5D", "1f", "2F", "Infinity", "-Infinity", "infinity",
            "1 000", "1. 5", "- 1", "+", "-", ".", "e5", "1e", "1e+", "++1", "+-1", "1..2", "1.2.3", "1_000", "1,5",
            "\u0661", "NaN1", "nan(1)", "1e3.5", "\u00a01\u00a0x"})
    void javaAndOtherSpellingsAreNotNumbers(String cell) {
        String quoted = cell.contains(",") ? "\"" + cell + "\"" : cell;
        String message = error("a,b\n1,2\n" + quoted + ",3\n", DataType.DOUBLE);
        assertTrue(message.startsWith("t.csv:3: column 1 (a): '"), message);
        assertTrue(message.endsWith("' is not a number"), message);
    }

    @Test
    void aNulByteAnywhereInACellIsNotANumber() {
        for (String cell : new String[] {"1.0\u0000", "\u00001.0", "1\u00002", "\"1.0\u0000\""}) {
            String message = error("a,b\n1,2\n" + cell + ",3\n", DataType.FLOAT);
            assertTrue(message.startsWith("t.csv:3: column 1 (a): '"), message);
            assertTrue(message.contains("\\0"), "the NUL is shown escaped: " + message);
            assertTrue(message.endsWith(" is not a number"), message);
        }
    }

    @Test
    void spacesAroundACellAreIgnored() throws IOException {
        assertEquals(2.5, read("a,b\n 2.5\t, 1\n3,4\n", DataType.DOUBLE).features().getDouble(0, 0));
    }

    @Test
    void nanAndInfAsNumpyWritesThemAreReportedAsNotFinite() {
        for (String cell : new String[] {"nan", "NaN", "inf", "-inf", "+inf", "INF"}) {
            assertEquals("t.csv:3: column 2 (b): value " + cell + " is not finite",
                    error("a,b\n1,2\n3," + cell + "\n", DataType.FLOAT));
        }
    }

    @Test
    void aHeaderOfJavaNumbersIsAHeader() throws IOException {
        // "0x1p3" and "1f" were numbers to Java, so this first row was taken for data
        CsvTable t = CsvTable.parse("t.csv", new StringReader("1f,0x1p3\n1,2\n"), CsvTable.Header.AUTO);
        assertTrue(t.hasHeader());
        assertEquals(List.of("1f", "0x1p3"), t.columnNames());
    }

    @Test
    void valuesThatUnderflowFloat32AreErrorsNotZeros() throws IOException {
        assertEquals("t.csv:3: column 2 (b): value 1e-310 underflows float32: it is not 0 but smaller than the"
                + " smallest float32 (1.4e-45) and would be read as 0", error("a,b\n1,2\n3,1e-310\n4,0\n", DataType.FLOAT));
        assertTrue(error("a,b\n1,2\n3,-5e-46\n", DataType.FLOAT).contains("value -5e-46 underflows float32"));
        assertEquals(1e-310, read("a,b\n1,2\n3,1e-310\n", DataType.DOUBLE).features().getDouble(1, 1),
                "float64 holds it");
        assertTrue(error("a,b\n1,2\n3,1e-400\n", DataType.DOUBLE).contains("value 1e-400 underflows float64"));
        assertEquals(0.0, read("a,b\n1,0e-999\n3,0.000\n", DataType.FLOAT).features().getDouble(0, 1),
                "zero written with an exponent is zero");
        assertEquals(Float.MIN_VALUE, (float) read("a,b\n1,1.4e-45\n3,1\n", DataType.FLOAT).features().getDouble(0, 1));
    }

    @Test
    void valuesTooLargeForTheTypeAreErrors() {
        assertEquals("t.csv:2: column 1 (a): value 1e39 is too large for float32",
                error("a,b\n1e39,2\n3,4\n", DataType.FLOAT));
        assertEquals("t.csv:2: column 1 (a): value -1e400 is too large for float64",
                error("a,b\n-1e400,2\n3,4\n", DataType.DOUBLE));
    }

    @Test
    void aHugeCellIsCutInTheMessage() {
        String huge = "z".repeat(5_000_000);
        String message = error("a,b\n1,2\n" + huge + ",3\n", DataType.FLOAT);
        assertTrue(message.length() < 200, () -> message.length() + " characters");
        assertTrue(message.contains("(cut; the cell has 5000000 characters)"), message);
    }
}
