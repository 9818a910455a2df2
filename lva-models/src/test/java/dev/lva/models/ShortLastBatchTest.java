package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lva.api.TrainingData;
import dev.lva.api.TrainingResult;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Through the library, without the command line's checks: 101 rows in batches of 50 leave a last
 * batch of one row, whose standard deviation the volume penalty cannot take. It threw in the middle
 * of the first epoch; the trainer now merges it into the batch before.
 */
class ShortLastBatchTest {

    @Test
    void aLeastVolumeAutoencoderTrainsOnALastBatchOfOneRow() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 101, 3);
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withSeed(1));
        assertEquals(2, lvae.minBatchRows(), "the volume penalty needs two rows");
        TrainingResult r = new GradientTrainer(TrainerOptions.minibatch(2, 50, 0)).fit(lvae, Adam.adam(1e-3),
                TrainingData.autoencoding(x), List.of());
        assertEquals(TrainingResult.StopReason.COMPLETED, r.stopReason(), r.message());
        assertEquals(4, r.steps(), "two steps an epoch: 50 rows and 51");
    }

    @Test
    void withoutAPenaltyOnStandardDeviationsOneRowIsABatch() {
        LeastVolumeAutoencoder unpenalised = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withRegularizer("volume:lambda=0"));
        assertEquals(1, unpenalised.minBatchRows());
        LeastVolumeAutoencoder lasso = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withRegularizer("lasso:lambda=0.1"));
        assertEquals(1, lasso.minBatchRows());
    }
}
