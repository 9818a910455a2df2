package dev.lva.core.train;

import dev.lva.api.Loss;
import dev.lva.api.Regularizer;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Buffers;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.activation.LeakyReLU;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.regularize.VolumeRegularizer;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import dev.lva.core.tensor.Wrapped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seed workload's least-volume autoencoder built from core layers only (lva-models wraps the
 * same thing for users): MLP encoder, spectrally normalised MLP decoder, MSE + lambda * volume.
 */
final class TestAutoencoder implements TrainableModel {
    final Sequential encoder;
    final Sequential decoder;
    final ParameterBuffer params;
    private final Loss loss = new MseLoss();
    private final Regularizer penalty;
    private final Wrapped inputs = new Wrapped();
    private final Wrapped targets = new Wrapped();
    private final Buffers buffers = new Buffers(1);
    private boolean training = true;

    TestAutoencoder(int in, int latent, int[] hidden, boolean sn, double lambda, double eta, long seed, DataType type) {
        encoder = mlp(in, latent, hidden, false);
        decoder = mlp(latent, in, hidden, sn);
        Map<String, Sequential> parts = new LinkedHashMap<>();
        parts.put("encoder", encoder);
        parts.put("decoder", decoder);
        params = ParameterBuffer.allocate(type, parts);
        TorchGenerator rng = new TorchGenerator(seed);
        encoder.initialize(rng);
        decoder.initialize(rng);
        penalty = lambda > 0 ? new VolumeRegularizer(lambda, eta) : null;
    }

    private static Sequential mlp(int in, int out, int[] hidden, boolean sn) {
        List<dev.lva.core.nn.Layer> layers = new ArrayList<>();
        int d = in;
        for (int h : hidden) {
            layers.add(new Linear(d, h, true, sn ? SpectralNorm.factory() : null));
            layers.add(new LeakyReLU(0.2));
            d = h;
        }
        layers.add(new Linear(d, out, true, sn ? SpectralNorm.factory() : null));
        return new Sequential(layers);
    }

    @Override
    public int minBatchRows() {
        return penalty == null ? 1 : penalty.minRows();
    }

    @Override
    public StepLoss computeGradients(INDArray x, INDArray t) {
        params.zeroGradients();
        Matrix xm = inputs.of(x);
        Matrix z = encoder.forward(xm, true);
        Matrix rec = decoder.forward(z, true);
        Matrix g = buffers.get(0, rec.rows(), rec.cols(), rec.dataType());
        double data = loss.valueAndGradient(rec.array(), targets.of(t).array(), g.array());
        Matrix gz = decoder.backward(g, true);
        double pen = 0;
        if (penalty != null) {
            pen = penalty.lambda() * penalty.valueAndGradient(z.array(), gz.array(), penalty.lambda());
        }
        encoder.backward(gz, false);
        return StepLoss.of(data, pen);
    }

    /** Latent codes in evaluation mode. */
    INDArray encode(INDArray x) {
        return encoder.forward(Matrix.copyOf(x, params.dataType()), false).array().dup();
    }

    double reconstructionMse(INDArray x) {
        Matrix xm = Matrix.copyOf(x, params.dataType());
        Matrix rec = decoder.forward(encoder.forward(xm, false), false);
        return loss.value(rec.array(), xm.array());
    }

    @Override
    public INDArray gradients() {
        return params.gradients();
    }

    @Override
    public INDArray forward(INDArray input) {
        Matrix xm = Matrix.copyOf(input, params.dataType());
        return decoder.forward(encoder.forward(xm, training), training).array().dup();
    }

    @Override
    public INDArray parameters() {
        return params.values();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }
}
