package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lva.api.LvaException;
import dev.lva.core.io.Npy;
import dev.lva.core.train.TrainerOptions;
import dev.lva.core.train.TrainingChecks;
import dev.lva.core.regularize.VolumeRegularizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsCsvAndNpyAlike() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b,c\n1,2,3\n4,5,6\n");
        Dataset fromCsv = DataFiles.read(csv, DataFiles.Options.defaults());
        assertEquals(List.of("a", "b", "c"), fromCsv.columns());
        assertEquals(DataType.FLOAT, fromCsv.features().dataType());

        Path npy = dir.resolve("x.npy");
        Npy.write(npy, Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Dataset fromNpy = DataFiles.read(npy, new DataFiles.Options(CsvTable.Header.AUTO, List.of("2", "x0"),
                DataType.DOUBLE));
        assertEquals(List.of("x2", "x0"), fromNpy.columns());
        assertArrayEquals(new double[] {3, 1, 6, 4}, fromNpy.features().dup('c').data().asDouble());

        Path oneD = dir.resolve("v.npy");
        Npy.write(oneD, Nd4j.createFromArray(1f, 2f, 3f));
        Dataset column = DataFiles.read(oneD, DataFiles.Options.defaults());
        assertEquals(3, column.rows());
        assertEquals(1, column.cols());
    }

    @Test
    void aByteOrderMarkDoesNotTurnTheFirstRowIntoAHeader() throws Exception {
        byte[] text = "\uFEFF1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
        Dataset d = DataFiles.read(Files.write(dir.resolve("bom.csv"), text), DataFiles.Options.defaults());
        assertEquals(2, d.rows());
        assertEquals(List.of("x0", "x1"), d.columns());
    }

    @Test
    void aConstantColumnIsAWarningAndScalesToZero() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger csvLog = (Logger) LoggerFactory.getLogger(CsvTable.class);
        Logger npyLog = (Logger) LoggerFactory.getLogger(DataFiles.class);
        csvLog.addAppender(log);
        npyLog.addAppender(log);
        try {
            Path csv = Files.writeString(dir.resolve("c.csv"), "a,b\n1,7\n2,7\n3,7\n");
            Dataset d = DataFiles.read(csv, DataFiles.Options.defaults());
            Path npy = dir.resolve("c.npy");
            Npy.write(npy, Nd4j.createFromArray(new float[][] {{5, 1}, {5, 2}}));
            DataFiles.read(npy, DataFiles.Options.defaults());
            List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(warnings.contains(csv + ": column 2 (b) is constant"), warnings.toString());
            assertTrue(warnings.contains(npy + ": column 1 (x0) is constant; scaling maps it to 0"),
                    warnings.toString());
            Scaler s = new StandardScaler().fit(d.features());
            assertEquals(0.0, s.transform(d.features()).getColumn(1).amaxNumber().doubleValue());
        } finally {
            csvLog.detachAppender(log);
            npyLog.detachAppender(log);
        }
    }

    @Test
    void trainingChecksPassSettingsThatWork() {
        VolumeRegularizer volume = new VolumeRegularizer(0.01, 0.01);
        TrainingChecks.requireBatches(100, TrainerOptions.minibatch(1, 32, 0), volume);
        TrainingChecks.requireBatches(2, TrainerOptions.fullBatch(1), volume);
        TrainingChecks.requireBatches(1, TrainerOptions.fullBatch(1), null);
        TrainingChecks.requireBatches(1, TrainerOptions.fullBatch(1), new VolumeRegularizer(0, 0.01));
        // 97 = 3 x 32 + 1: the last row joins the batch before, so no step sees a single row
        assertEquals(new dev.lva.core.train.Batches(32, 3, 33),
                TrainingChecks.requireBatches(97, TrainerOptions.minibatch(1, 32, 0), volume));
        assertThrows(LvaException.class, () -> TrainingChecks.requireBatches(97, TrainerOptions.minibatch(1, 1, 0),
                volume), "batches of one row");
    }

    private DataFiles.Options columns(String... names) {
        return DataFiles.Options.defaults().withColumns(List.of(names));
    }

    @Test
    void duplicateColumnsAreErrors() throws Exception {
        Path dup = Files.writeString(dir.resolve("dup.csv"), "a,a,c\n1,2,3\n4,5,6\n");
        assertEquals(dup + ": column name 'a' is ambiguous: the header gives it to columns 1 and 2; rename them, or"
                + " select by 0-based index", assertThrows(DataException.class,
                () -> DataFiles.read(dup, columns("a"))).getMessage());
        assertEquals(dup + ": the header names two columns 'a' (columns 1 and 2); rename one, or select columns by"
                + " 0-based index", assertThrows(DataException.class,
                () -> DataFiles.read(dup, DataFiles.Options.defaults())).getMessage());
        assertEquals(List.of("a", "c"), DataFiles.read(dup, columns("1", "2")).columns());

        Path abc = Files.writeString(dir.resolve("abc.csv"), "a,b,c\n1,2,3\n4,5,6\n");
        assertEquals(abc + ": column 1 (a) is selected twice ('a')", assertThrows(DataException.class,
                () -> DataFiles.read(abc, columns("a", "a"))).getMessage());
        assertEquals(abc + ": column 1 (a) is selected twice, as 'a' and as '0'", assertThrows(DataException.class,
                () -> DataFiles.read(abc, columns("a", "0"))).getMessage());

        Path npy = dir.resolve("m.npy");
        Npy.write(npy, Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
        assertEquals(npy + ": column 2 (x1) is selected twice, as '1' and as 'x1'", assertThrows(DataException.class,
                () -> DataFiles.read(npy, columns("1", "x1"))).getMessage());
        assertThrows(LvaException.class, () -> new Dataset(Nd4j.rand(2, 2), List.of("u", "u")));
    }

    @Test
    void aModelsColumnsArePickedByNameWhereverTheyStand() throws Exception {
        List<String> trained = List.of("a", "b", "c");
        Path reordered = Files.writeString(dir.resolve("cba.csv"), "c,b,a\n3,2,1\n6,5,4\n");
        Dataset d = DataFiles.readFor(reordered, DataFiles.Options.defaults(), trained);
        assertEquals(trained, d.columns());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.features().dup('c').data().asDouble());

        Path extra = Files.writeString(dir.resolve("more.csv"), "label,c,a,b\nq,3,1,2\nr,6,4,5\n");
        assertEquals(trained, DataFiles.readFor(extra, DataFiles.Options.defaults(), trained).columns());

        Path other = Files.writeString(dir.resolve("xyz.csv"), "x,y,z\n1,2,3\n4,5,6\n");
        assertEquals(other + ": the model's columns are [a, b, c], the file's header names [x, y, z];"
                + " missing: [a, b, c]", assertThrows(DataException.class,
                () -> DataFiles.readFor(other, DataFiles.Options.defaults(), trained)).getMessage());
        Path partly = Files.writeString(dir.resolve("abd.csv"), "a,b,d\n1,2,3\n4,5,6\n");
        assertTrue(assertThrows(DataException.class, () -> DataFiles.readFor(partly, DataFiles.Options.defaults(),
                trained)).getMessage().endsWith("missing: [c]"));

        Path plain = Files.writeString(dir.resolve("plain.csv"), "1,2,3\n4,5,6\n");
        assertEquals(List.of("x0", "x1", "x2"), DataFiles.readFor(plain, DataFiles.Options.defaults(), trained)
                .columns(), "no header: the columns in the file's order");

        Path npy = dir.resolve("m.npy");
        Npy.write(npy, Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        Dataset picked = DataFiles.readFor(npy, DataFiles.Options.defaults(), List.of("x2", "x0"));
        assertArrayEquals(new double[] {3, 1, 6, 4}, picked.features().dup('c').data().asDouble());
        assertEquals(3, DataFiles.readFor(npy, DataFiles.Options.defaults(), trained).cols());
    }

    @Test
    void npyValuesThatUnderflowFloat32AreErrors() throws Exception {
        Path npy = dir.resolve("tiny.npy");
        Npy.write(npy, Nd4j.createFromArray(new double[][] {{1, 0}, {2, 1e-310}}));
        assertEquals(npy + ": the value at [1, 1] (row 2, column 2) is 1.0E-310, which underflows float32: it is not 0"
                + " but smaller than the smallest float32 (1.4e-45) and would be read as 0",
                assertThrows(DataException.class, () -> DataFiles.read(npy, DataFiles.Options.defaults())).getMessage());
        assertEquals(1e-310, DataFiles.read(npy, new DataFiles.Options(CsvTable.Header.AUTO, List.of(),
                DataType.DOUBLE)).features().getDouble(1, 1));
    }
}
