package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.api.TrainingData;
import dev.lva.core.data.CsvTable;
import dev.lva.models.FeedForward;
import dev.lva.viz.Figure;
import dev.lva.viz.FunctionPlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's 1-D regression data: 30 noisy samples of cos(1.5 pi x) on [-1, 1], split 18 train /
 * 12 test by the file's {@code split} column (scikit-learn's split with random_state 0), as x and y
 * columns in float32.
 */
record Toy1d(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {

    static Toy1d load() {
        CsvTable table = CourseData.table("toy1d.csv");
        INDArray xy = table.numeric(List.of("x", "y"), DataType.FLOAT).features();
        List<String> split = table.strings("split");
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int r = 0; r < split.size(); r++) {
            switch (split.get(r).strip()) {
                case "train" -> train.add(r);
                case "test" -> test.add(r);
                default -> throw new LvaException(table.source() + ": row " + (r + 1) + " has split '" + split.get(r)
                        + "'; expected train or test");
            }
        }
        INDArray tr = xy.getRows(train.stream().mapToInt(Integer::intValue).toArray());
        INDArray te = xy.getRows(test.stream().mapToInt(Integer::intValue).toArray());
        return new Toy1d(column(tr, 0), column(tr, 1), column(te, 0), column(te, 1));
    }

    private static INDArray column(INDArray a, int j) {
        return a.getColumn(j).reshape(a.rows(), 1).dup();
    }

    /** The function the samples come from. */
    static double truth(double x) {
        return Math.cos(1.5 * Math.PI * x);
    }

    TrainingData training() {
        return new TrainingData(xTrain, yTrain);
    }

    /** Prints the model's mean squared error on both sets, in evaluation mode. */
    void printErrors(FeedForward model, PrintWriter out) {
        out.printf(Locale.ROOT, "train MSE %.6g, test MSE %.6g%n", model.evaluate(xTrain, yTrain),
                model.evaluate(xTest, yTest));
    }

    /** True function (dashed), train and test samples, and the model's prediction on a fine grid of [-1, 1]. */
    Figure plot(String title, FeedForward model) {
        double[] grid = CourseData.linspace(-1, 1, 201);
        double[] truth = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            truth[i] = truth(grid[i]);
        }
        boolean wasTraining = model.isTraining();
        model.setTraining(false);
        double[] prediction = model.forward(Nd4j.createFromArray(grid).reshape(grid.length, 1).castTo(DataType.FLOAT))
                .toDoubleVector();
        model.setTraining(wasTraining);
        return FunctionPlot.of(PlotOptions.titled(title).withLabels("x", "y"),
                Series.of("cos(1.5 pi x)", grid, truth),
                Series.of("train", xTrain.toDoubleVector(), yTrain.toDoubleVector()),
                Series.of("test", xTest.toDoubleVector(), yTest.toDoubleVector()),
                Series.of("model", grid, prediction));
    }
}
