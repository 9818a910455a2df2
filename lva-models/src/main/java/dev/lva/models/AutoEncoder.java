package dev.lva.models;

import dev.lva.api.Loss;
import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.api.StepLoss;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Buffers;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.tensor.Matrix;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An encoder and a decoder trained to reconstruct their input, as the course's {@code AutoEncoder}:
 * {@code encode}, {@code decode}, {@code transform} and {@code inverseTransform}, and a forward pass
 * giving both the reconstruction and the code. An optional penalty on the latent code (the course's
 * L1 option, or any {@link Regularizer} plugin) is added with its lambda.
 *
 * <p>A sample has a {@link Shape}: plain features ({@code N x D}) for an MLP, or an image
 * ({@code N x C x H x W}) for a convolutional encoder. Inside, a batch travels as a matrix of N
 * rows, each sample's values in the shape's row-major order. Every public call that takes data
 * takes it either way: as rows of {@code C * H * W} values or in the input shape itself
 * ({@link #asRows}); {@code forward} answers in the shape it was given, {@code decode} in rows and
 * {@link #decodeShaped} in the input shape.
 */
public class AutoEncoder extends NetworkModel implements LatentModel {

    /** Reconstruction and latent code of one forward pass. */
    public record Output(INDArray reconstruction, INDArray code) {
    }

    private final Layer encoder;
    private final Layer decoder;
    private final Shape inputShape;
    private final int inputWidth;
    private final int latentWidth;
    private final Loss loss;
    private final Regularizer latentPenalty;
    private final Buffers buffers = new Buffers(1);
    /** Numbers a batch's widest activation may hold in an evaluation pass: 16 MB of float32. */
    static final long BATCH_CELLS = 1 << 22;
    private final int maxBatchRows;

    public AutoEncoder(Layer encoder, Layer decoder, int inputWidth, Loss loss, Regularizer latentPenalty,
                       DataType type, long seed) {
        this(encoder, decoder, Shape.features(inputWidth), loss, latentPenalty, type, seed);
    }

    /**
     * @param input the shape of one sample: features, or an image for a convolutional encoder (the
     *              decoder must end in the same shape, or, for plain features, the same width)
     */
    public AutoEncoder(Layer encoder, Layer decoder, Shape input, Loss loss, Regularizer latentPenalty,
                       DataType type, long seed) {
        super(parts(encoder, decoder), type, seed);
        this.encoder = encoder;
        this.decoder = decoder;
        // rows given for a network connected to images are images
        this.inputShape = encoder instanceof Sequential s ? NetworkCost.declared(s, input) : input;
        this.inputWidth = input.size();
        Shape code = encoder.outputShape(input);
        if (!code.isFlat()) {
            throw new LvaException("the encoder maps " + input + " to " + code + "; a latent code is N x D");
        }
        this.latentWidth = code.size();
        Shape out = decoder.outputShape(code);
        if (out.size() != inputWidth || (!input.isFlat() && !out.isFlat() && !out.equals(input))) {
            throw new LvaException("the decoder maps " + latentWidth + " latent columns to " + (out.isFlat()
                    ? out.size() + " columns, the input has " + inputWidth : out + ", the input is " + input));
        }
        long widest = Math.max(NetworkCost.widestRow(encoder, input), NetworkCost.widestRow(decoder, code));
        this.maxBatchRows = (int) Math.max(1, Math.min(Integer.MAX_VALUE, BATCH_CELLS / Math.max(1, widest)));
        this.loss = loss == null ? new MseLoss() : loss;
        if (latentPenalty != null && latentPenalty.target() != Regularizer.Target.ACTIVATION) {
            throw new LvaException("an autoencoder's latent penalty must watch activations; "
                    + latentPenalty.getClass().getSimpleName() + " watches parameters");
        }
        this.latentPenalty = latentPenalty;
    }

    /** A plain autoencoder with MSE and no penalty, in float32. */
    public AutoEncoder(Layer encoder, Layer decoder, int inputWidth, long seed) {
        this(encoder, decoder, inputWidth, null, null, DataType.FLOAT, seed);
    }

    private static Map<String, Layer> parts(Layer encoder, Layer decoder) {
        Map<String, Layer> m = new LinkedHashMap<>();
        m.put("encoder", encoder);
        m.put("decoder", decoder);
        return m;
    }

    public Layer encoder() {
        return encoder;
    }

    public Layer decoder() {
        return decoder;
    }

    public Regularizer latentPenalty() {
        return latentPenalty;
    }

    /** What the latent penalty needs (two rows for one on batch standard deviations), unless its weight is 0. */
    @Override
    public int minBatchRows() {
        return latentPenalty == null || latentPenalty.lambda() == 0 ? 1 : Math.max(1, latentPenalty.minRows());
    }

    public Loss loss() {
        return loss;
    }

    /** The shape of one input sample ({@code N x D}, or {@code N x C x H x W} for images). */
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public int latentDimension() {
        return latentWidth;
    }

    @Override
    public int inputDimension() {
        return inputWidth;
    }

    /** The same as {@link #inputDimension()}: columns of a row (an image's pixels times channels). */
    @Override
    public int inputWidth() {
        return inputWidth;
    }

    /**
     * The most rows one pass through encoder or decoder takes in evaluation mode: as many as keep the
     * widest activation of a row ({@link NetworkCost#widestRow}) under {@value #BATCH_CELLS} numbers
     * (16 MB of float32). More rows are cut into batches of this size: a convolution holds some
     * 16,000 numbers a row in flight, and a layer keeps its buffers for the batch sizes it saw, so one
     * pass of 10,000 images would hold gigabytes. In training mode a call is one pass, whatever its
     * size: each pass runs the spectral norms' power iterations.
     */
    public int maxBatchRows() {
        return maxBatchRows;
    }

    /**
     * About how many numbers one row of a training batch holds: its input and target, every layer's
     * output and a convolution's lowered input (kept for the backward pass), and as many again for
     * their gradients. Times the batch rows and the data type's width, the memory a batch needs; what
     * a run sizes its default batch and a sweep its parallel runs by.
     */
    public long trainingNumbersPerRow() {
        return trainingNumbersPerRow(encoder, decoder, inputShape);
    }

    /**
     * {@link #trainingNumbersPerRow()} of an autoencoder of these networks on samples of {@code input},
     * from their shapes alone: what a front end sizes a model by before it is built (and allocated).
     */
    public static long trainingNumbersPerRow(Layer encoder, Layer decoder, Shape input) {
        Shape in = encoder instanceof Sequential s ? NetworkCost.declared(s, input) : input;
        Shape code = encoder.outputShape(in);
        return 2L * in.size() + 2 * (NetworkCost.heldRow(encoder, in) + NetworkCost.heldRow(decoder,
                Shape.features(code.size())));
    }

    /**
     * Multiply-adds of decoding one code: what the latent analysis budgets its decodes by (a
     * convolution's are many times its parameter count).
     */
    public long decodeMultiplyAdds() {
        return NetworkCost.multiplyAdds(decoder, Shape.features(latentWidth));
    }

    /**
     * The samples of {@code x} as rows of {@link #inputDimension} values: {@code x} itself when it is
     * a matrix, or a batch in the input shape ({@code N x C x H x W} for a convolutional model) read
     * in C order, the trainer's layout (a view when {@code x} is contiguous). A model over plain
     * features takes any sample shape of as many values, as the trainer does. A batch in another
     * shape is refused, naming both shapes.
     */
    public INDArray asRows(INDArray x) {
        if (x.rank() <= 2) {
            return x;
        }
        Shape sample = Shape.ofBatch(x.shape());
        boolean fits = inputShape.isFlat() ? sample.size() == inputWidth : sample.equals(inputShape);
        if (!fits) {
            throw new LvaException(getClass().getSimpleName() + " takes samples of shape " + inputShape
                    + " (or rows of " + inputWidth + " values), got a batch of shape " + Arrays.toString(x.shape())
                    + (sample.isImage() && inputShape.isImage() && sample.dim(2) == inputShape.channels()
                    ? "; images are N x C x H x W (channels first), not N x H x W x C" : ""));
        }
        return x.reshape('c', x.size(0), inputWidth);
    }

    /**
     * Latent codes in the current mode (in evaluation mode, {@link #maxBatchRows} rows a pass), of rows
     * or of samples in the input shape ({@link #asRows}).
     */
    public INDArray encode(INDArray x) {
        x = asRows(x);
        if (!isTraining() && x.rank() == 2 && x.rows() > maxBatchRows) {
            return Batches.map(x, maxBatchRows, this::encode);
        }
        Matrix in = userInput(x, inputWidth, "input");
        INDArray code = encodeMatrix(in, isTraining()).array().dup();
        releaseInput(in, x);
        return code;
    }

    /** Reconstructions of latent codes in the current mode (in evaluation mode, {@link #maxBatchRows} rows a pass). */
    public INDArray decode(INDArray z) {
        if (!isTraining() && z.rank() == 2 && z.rows() > maxBatchRows) {
            return Batches.map(z, maxBatchRows, this::decode);
        }
        return decodeMatrix(latentInput(z), isTraining()).array().dup();
    }

    /** {@link #decode} in the input shape: {@code N x C x H x W} for a convolutional model, rows for an MLP. */
    public INDArray decodeShaped(INDArray z) {
        INDArray rows = decode(z);
        return inputShape.isFlat() ? rows : rows.reshape('c', inputShape.withBatch(rows.rows()));
    }

    /**
     * Reconstructions of latent codes in the current mode, written into {@code out} (rows of z by the
     * input width, the model's data type): what evaluates many batches, as the latent analysis does,
     * without a new array for each.
     */
    public void decodeInto(INDArray z, INDArray out) {
        if (!isTraining() && z.rank() == 2 && z.rows() > maxBatchRows && out.rank() == 2 && out.rows() == z.rows()) {
            for (long from = 0; from < z.rows(); from += maxBatchRows) {
                long to = Math.min(z.rows(), from + maxBatchRows);
                decodeInto(z.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                        out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            }
            return;
        }
        Matrix code = latentInput(z);
        if (out.rank() != 2 || out.rows() != code.rows() || out.columns() != inputWidth || out.dataType() != dataType()) {
            throw new LvaException("decodeInto needs a " + code.rows() + " x " + inputWidth + " " + dataType()
                    + " array, got shape " + Arrays.toString(out.shape()) + " of " + out.dataType());
        }
        out.assign(decodeMatrix(code, isTraining()).array());
    }

    /** A latent code as the decoder takes it; the least-volume model sets its pruned dimensions here. */
    protected Matrix latentInput(INDArray z) {
        return userInput(z, latentWidth, "latent code");
    }

    @Override
    public INDArray transform(INDArray x) {
        return encode(x);
    }

    @Override
    public INDArray inverseTransform(INDArray z) {
        return decode(z);
    }

    @Override
    public INDArray inverseTransformShaped(INDArray z) {
        return decodeShaped(z);
    }

    /** The reconstruction of {@code input}, in the shape it was given (rows, or the input shape). */
    @Override
    public INDArray forward(INDArray input) {
        return forwardBoth(input).reconstruction();
    }

    /** Reconstruction (in the shape {@code input} was given) and latent code of one forward pass. */
    public Output forwardBoth(INDArray input) {
        Output rows = forwardRows(asRows(input));
        return input.rank() <= 2 ? rows
                : new Output(rows.reconstruction().reshape('c', input.shape()), rows.code());
    }

    private Output forwardRows(INDArray input) {
        if (!isTraining() && input.rank() == 2 && input.rows() > maxBatchRows) {
            INDArray code = encode(input);
            return new Output(decode(code), code);
        }
        Matrix in = userInput(input, inputWidth, "input");
        Matrix z = encodeMatrix(in, isTraining());
        INDArray code = z.array().dup();
        Output out = new Output(decodeMatrix(z, isTraining()).array().dup(), code);
        releaseInput(in, input);
        return out;
    }

    /** Mean reconstruction loss on {@code x} (rows or the input shape) in evaluation mode. */
    public double reconstructionLoss(INDArray x) {
        x = asRows(x);
        if (x.rank() == 2 && x.rows() > maxBatchRows) {
            double sum = 0;
            for (long from = 0; from < x.rows(); from += maxBatchRows) {
                long to = Math.min(x.rows(), from + maxBatchRows);
                sum += (to - from) * reconstructionLoss(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            }
            return sum / x.rows();
        }
        Matrix xm = userInput(x, inputWidth, "input");
        double value = loss.value(decodeMatrix(encodeMatrix(xm, false), false).array(), xm.array());
        releaseInput(xm, x);
        return value;
    }

    /** The encoder's output for a batch; subclasses freeze pruned dimensions here. */
    protected Matrix encodeMatrix(Matrix x, boolean training) {
        return encoder.forward(x, training);
    }

    protected Matrix decodeMatrix(Matrix z, boolean training) {
        return decoder.forward(z, training);
    }

    @Override
    public StepLoss computeGradients(INDArray inputs, INDArray targets) {
        parameterBuffer().zeroGradients();
        Matrix x = trainingInput(inputs, inputWidth);
        Matrix t = inputs == targets ? x : trainingTarget(targets, inputWidth);
        Matrix z = encodeMatrix(x, true);
        observeLatent(z);
        Matrix rec = decodeMatrix(z, true);
        Matrix g = buffers.get(0, rec.rows(), rec.cols(), rec.dataType());
        double data = loss.valueAndGradient(rec.array(), t.array(), g.array());
        Matrix gz = decoder.backward(g, true);
        double penalty = latentGradient(z, gz);
        encoder.backward(gz, false);
        return StepLoss.of(data, penalty);
    }

    /** Sees each training batch's latent code before decoding (the least-volume model tracks its statistics). */
    protected void observeLatent(Matrix z) {
    }

    /**
     * Adds the latent penalty's gradient into {@code gz} (the decoder's input gradient) and returns
     * the weighted penalty; subclasses restrict it to active dimensions.
     */
    protected double latentGradient(Matrix z, Matrix gz) {
        if (latentPenalty == null || latentPenalty.lambda() == 0) {
            return 0;
        }
        double lambda = latentPenalty.lambda();
        return lambda * latentPenalty.valueAndGradient(z.array(), gz.array(), lambda);
    }
}
