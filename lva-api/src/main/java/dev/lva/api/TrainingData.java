package dev.lva.api;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a trainer fits: inputs (rows are samples) and targets with the same number of rows. A sample
 * may also be a grey image ({@code N x H x W}) or one with channels ({@code N x C x H x W}); a
 * trainer hands a model each sample as one row in C order. An autoencoder's targets are its
 * inputs ({@link #autoencoding}).
 */
public record TrainingData(INDArray inputs, INDArray targets) {
    public TrainingData {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rank() < 2 || inputs.rank() > 4 || targets.rank() < 2 || targets.rank() > 4) {
            throw new LvaException("training data must be N x D, N x H x W or N x C x H x W (rows are samples): inputs "
                    + Arrays.toString(inputs.shape()) + ", targets " + Arrays.toString(targets.shape()));
        }
        if (inputs.size(0) != targets.size(0)) {
            throw new LvaException("inputs have " + inputs.size(0) + " rows but targets have " + targets.size(0));
        }
        if (inputs.size(0) == 0) {
            throw new LvaException("training data has no rows");
        }
    }

    public static TrainingData autoencoding(INDArray inputs) {
        return new TrainingData(inputs, inputs);
    }

    public boolean isAutoencoding() {
        return inputs == targets;
    }

    public int rows() {
        return (int) inputs.size(0);
    }
}
