package dev.lva.models;

import dev.lva.api.Loss;
import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.api.StepLoss;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Buffers;
import dev.lva.core.nn.Layer;
import dev.lva.core.tensor.Matrix;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network trained on (input, target) pairs: any layer stack (a {@link dev.lva.core.nn.Sequential},
 * a list of layers) with a loss, MSE by default, and an optional penalty on its parameters
 * (weight decay as {@code l2}).
 */
public class FeedForward extends NetworkModel {
    private final Layer network;
    private final int inputWidth;
    private final int outputWidth;
    private final Loss loss;
    private final Regularizer parameterPenalty;
    private final Buffers buffers = new Buffers(1);

    public FeedForward(Layer network, int inputWidth, Loss loss, Regularizer parameterPenalty, DataType type,
                       long seed) {
        super(Map.of("net", network), type, seed);
        this.network = network;
        this.inputWidth = inputWidth;
        this.outputWidth = network.outputWidth(inputWidth);
        this.loss = loss == null ? new MseLoss() : loss;
        if (parameterPenalty != null && parameterPenalty.target() != Regularizer.Target.PARAMETERS) {
            throw new LvaException("a feed-forward network takes penalties on its parameters; "
                    + parameterPenalty.getClass().getSimpleName() + " watches activations");
        }
        this.parameterPenalty = parameterPenalty;
    }

    public FeedForward(Layer network, int inputWidth, long seed) {
        this(network, inputWidth, null, null, DataType.FLOAT, seed);
    }

    public Layer network() {
        return network;
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    public int outputWidth() {
        return outputWidth;
    }

    @Override
    public INDArray forward(INDArray input) {
        return network.forward(userInput(input, inputWidth, "input"), isTraining()).array().dup();
    }

    @Override
    public StepLoss computeGradients(INDArray inputs, INDArray targets) {
        parameterBuffer().zeroGradients();
        Matrix x = trainingInput(inputs, inputWidth);
        Matrix y = trainingTarget(targets, outputWidth);
        Matrix out = network.forward(x, true);
        Matrix g = buffers.get(0, out.rows(), out.cols(), out.dataType());
        double data = loss.valueAndGradient(out.array(), y.array(), g.array());
        network.backward(g, false);
        double penalty = 0;
        if (parameterPenalty != null) {
            double lambda = parameterPenalty.lambda();
            penalty = lambda * parameterPenalty.valueAndGradient(parameters(), gradients(), lambda);
        }
        return StepLoss.of(data, penalty);
    }

    /** The loss on a data set in evaluation mode. */
    public double evaluate(INDArray inputs, INDArray targets) {
        Matrix x = userInput(inputs, inputWidth, "input");
        Matrix y = userInput(targets, outputWidth, "target");
        return loss.value(network.forward(x, false).array(), y.array());
    }
}
