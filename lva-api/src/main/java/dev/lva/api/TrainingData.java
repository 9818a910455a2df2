package dev.lva.api;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a trainer fits: inputs (rows are samples) and targets with the same number of rows. An
 * autoencoder's targets are its inputs ({@link #autoencoding}).
 */
public record TrainingData(INDArray inputs, INDArray targets) {
    public TrainingData {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rank() != 2 || targets.rank() != 2) {
            throw new LvaException("training data must be 2-D (rows are samples): inputs "
                    + Arrays.toString(inputs.shape()) + ", targets " + Arrays.toString(targets.shape()));
        }
        if (inputs.rows() != targets.rows()) {
            throw new LvaException("inputs have " + inputs.rows() + " rows but targets have " + targets.rows());
        }
        if (inputs.rows() == 0) {
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
        return (int) inputs.rows();
    }
}
