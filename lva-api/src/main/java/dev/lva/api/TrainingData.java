package dev.lva.api;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a trainer fits: inputs (rows are samples) and targets with the same number of rows. A sample
 * may also be a grey image ({@code N x H x W}) or one with channels ({@code N x C x H x W}); a
 * trainer hands a model each sample as one row in C order. An autoencoder's targets are its
 * inputs ({@link #autoencoding}).
 *
 * <p>Data larger than memory stays in its file ({@link #stored}): the trainer reads its batches from
 * {@code stored}, and {@code inputs} (= {@code targets}) is a sample of those rows held in memory, for
 * whatever needs rows at hand; {@link #rows()} counts the stored rows.
 *
 * @param stored the rows in their file, or null when {@code inputs} is the whole data
 */
public record TrainingData(INDArray inputs, INDArray targets, StoredRows stored) {
    public TrainingData(INDArray inputs, INDArray targets) {
        this(inputs, targets, null);
    }

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
        if (stored != null) {
            if (inputs != targets) {
                throw new LvaException("rows read from a file train an autoencoder: its targets are its inputs");
            }
            if (stored.rows() == 0) {
                throw new LvaException(stored.source() + ": no rows to train on");
            }
            long perRow = inputs.length() / inputs.size(0);
            if (perRow != stored.cols()) {
                throw new LvaException(stored.source() + ": rows of " + stored.cols() + " values, but the sample in"
                        + " memory has rows of " + perRow);
            }
        }
    }

    /**
     * An autoencoder's data read from its file a batch at a time; {@code sample} (rows of the same
     * width, e.g. an evenly spaced sample of them) is what {@link #inputs} gives.
     */
    public static TrainingData stored(StoredRows rows, INDArray sample) {
        return new TrainingData(sample, sample, rows);
    }

    public static TrainingData autoencoding(INDArray inputs) {
        return new TrainingData(inputs, inputs);
    }

    public boolean isAutoencoding() {
        return inputs == targets;
    }

    public int rows() {
        return stored != null ? stored.rows() : (int) inputs.size(0);
    }
}
