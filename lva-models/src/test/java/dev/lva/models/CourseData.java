package dev.lva.models;

import dev.lva.core.data.CsvTable;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The course's data sets as the reference scripts use them (files in the repository's data folder). */
final class CourseData {
    private static final Path DATA = Path.of("..", "data");

    /** The 3-D curve, 100 x 3. */
    static INDArray curve() {
        return CsvTable.read(DATA.resolve("ae3d.csv"), CsvTable.Header.AUTO).numeric(null, DataType.FLOAT).features();
    }

    /** x and y of the noisy cos samples in the given split ("train": 18 rows, "test": 12). */
    static INDArray[] toy(String split) {
        CsvTable t = CsvTable.read(DATA.resolve("toy1d.csv"), CsvTable.Header.AUTO);
        INDArray xy = t.numeric(List.of("x", "y"), DataType.FLOAT).features();
        List<String> marks = t.strings("split");
        int[] rows = java.util.stream.IntStream.range(0, marks.size()).filter(i -> marks.get(i).equals(split)).toArray();
        INDArray part = xy.getRows(rows);
        return new INDArray[] {part.getColumn(0).reshape(rows.length, 1).dup(), part.getColumn(1).reshape(rows.length, 1).dup()};
    }

    /**
     * A 2-D sheet embedded non-linearly in {@code d} dimensions: t uniform in [-1, 1]^2 and
     * x_k = sin(w_k . t + b_k), as the scale workload's generator (reference common.manifold32).
     */
    static INDArray sheet(int n, int d, long seed) {
        dev.lva.core.tensor.Rng rng = new dev.lva.core.tensor.Rng(seed);
        double[][] w = new double[d][2];
        double[] b = new double[d];
        for (int k = 0; k < d; k++) {
            w[k][0] = 2 * (2 * rng.nextDouble() - 1);
            w[k][1] = 2 * (2 * rng.nextDouble() - 1);
        }
        for (int k = 0; k < d; k++) {
            b[k] = Math.PI * (2 * rng.nextDouble() - 1);
        }
        INDArray x = Nd4j.create(DataType.FLOAT, n, d);
        for (int i = 0; i < n; i++) {
            double t0 = 2 * rng.nextDouble() - 1;
            double t1 = 2 * rng.nextDouble() - 1;
            for (int k = 0; k < d; k++) {
                x.putScalar(i, k, Math.sin(w[k][0] * t0 + w[k][1] * t1 + b[k]));
            }
        }
        return x;
    }

    private CourseData() {
    }
}
