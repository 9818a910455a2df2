package dev.lva.examples.course;

import dev.lva.core.data.CsvTable;
import dev.lva.run.RunData;
import dev.lva.run.Scaling;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's data sets, shipped inside the jar from the repository's {@code data/} folder (its
 * README names the sources and the digits licence), and the few array helpers the launchers share.
 */
final class CourseData {
    private CourseData() {
    }

    /** The 3-D curve, 100 x 3 (t = linspace(-1, 1, 100); [sin 2t, t^2, cos 5t] + 0.01 noise), unscaled. */
    static RunData curve3d() {
        return RunData.builtIn("ae3d.csv", List.of(), Scaling.NONE, DataType.FLOAT);
    }

    /** A built-in CSV with its text columns (the toy data's split, the digits' label). */
    static CsvTable table(String name) {
        return RunData.builtInTable(name);
    }

    /** {@code n} evenly spaced points from {@code from} to {@code to}, both included. */
    static double[] linspace(double from, double to, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
        }
        return x;
    }

    /** Mean squared error over all entries, in float64 whatever the arrays' types. */
    static double mse(INDArray prediction, INDArray target) {
        INDArray d = prediction.castTo(DataType.DOUBLE).sub(target.castTo(DataType.DOUBLE));
        return d.mul(d).meanNumber().doubleValue();
    }

    static double[] positive(double[] v) {
        return dev.lva.run.Outputs.positive(v);
    }

    /** 0, 1, ..., n - 1: the row index, which orders the 3-D curve by its parameter t. */
    static double[] index(int n) {
        return linspace(0, n - 1, n);
    }
}
