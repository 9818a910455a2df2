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
}
