package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.optim.Adam;
import dev.lva.core.optim.Sgd;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The course's regression and feed-forward sections on its 30 noisy cos samples (18 train, 12 test). */
class RegressionTest {

    @Test
    void linearRegressionWithSgdReachesTheLeastSquaresOptimum() {
        INDArray[] train = CourseData.toy("train");
        assertEquals(18, train[0].rows());
        LinearRegression model = new LinearRegression(1, 1, Precision.FLOAT32, 0);
        // PyTorch's nn.Linear(1, 1) after torch.manual_seed(0): the reference prints init_w_b
        assertEquals(-0.00748682, model.weights().getDouble(0), 1e-7);
        assertEquals(0.536444, model.bias().getDouble(0), 1e-6);
        new GradientTrainer(TrainerOptions.fullBatch(100)).fit(model, Sgd.plain(0.1), new TrainingData(train[0], train[1]),
                List.of());

        // closed form: slope = cov(x, y) / var(x), intercept = mean(y) - slope * mean(x), in float64
        double[] x = train[0].toDoubleVector();
        double[] y = train[1].toDoubleVector();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        assertEquals(slope, model.weights().getDouble(0), 1e-3);
        assertEquals(intercept, model.bias().getDouble(0), 1e-3);
        // and where PyTorch's SGD ends after the same 100 epochs (reference linreg.py: w_b)
        assertEquals(-0.179492, model.weights().getDouble(0), 1e-5);
        assertEquals(-0.103676, model.bias().getDouble(0), 1e-5);
    }

    private static double trainDeepRelu(long seed, double lr) {
        INDArray[] train = CourseData.toy("train");
        MLP mlp = new MLP(1, 1, List.of(7, 7, 7, 7), "relu", seed);
        new GradientTrainer(TrainerOptions.fullBatch(5000)).fit(mlp, Adam.adam(lr), new TrainingData(train[0], train[1]),
                List.of());
        return mlp.evaluate(train[0], train[1]);
    }

    /**
     * The course's deep ReLU MLP (1 -> 7, 3 x 7 -> 7, -> 1) with Adam 0.05 for 5000 epochs. lva starts
     * from PyTorch's weights for the same seed and follows PyTorch's loss step for step (seed 0:
     * mlp.py's 0.583456 at epoch 10 and 0.0645586 at epoch 100). Adam 0.05 is harsh on so small a ReLU
     * net: later the run hops between nearby plateaus and float rounding decides which, so final losses
     * are compared as the course reads them: the PyTorch reference ends at train MSE 0.035 to 0.68 on
     * seeds 0-7, and one of seeds 0-4 fits the samples below 0.01 here.
     */
    @Test
    void deepReluMlpFitsTheCosSamples() {
        INDArray[] train = CourseData.toy("train");
        MLP mlp = new MLP(1, 1, List.of(7, 7, 7, 7), "relu", 0);
        double[] trace = new double[100];
        TrainingListener record = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                trace[(int) run.step() - 1] = loss.total();
            }
        };
        new GradientTrainer(TrainerOptions.fullBatch(100)).fit(mlp, Adam.adam(0.05), new TrainingData(train[0], train[1]),
                List.of(record));
        assertEquals(0.583456, trace[9], 1e-5, "epoch 10");
        assertEquals(0.0645586, trace[99], 1e-5, "epoch 100");

        List<Double> losses = new ArrayList<>();
        for (long seed = 0; seed < 5; seed++) {
            losses.add(trainDeepRelu(seed, 0.05));
        }
        assertTrue(losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow() < 0.01, losses::toString);
        assertTrue(losses.stream().allMatch(l -> l < 0.7), "every seed learns at least the mean: " + losses);
    }
}
