package dev.lva.models;

import dev.lva.api.LvaException;
import dev.lva.core.data.ImageBytes;
import dev.lva.core.data.RowSample;
import dev.lva.core.nn.ParamSpec;
import dev.lva.core.tensor.Matrix;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What an autoencoder's latent space says about the data, as the LV paper reports it: the latent
 * standard deviations sorted descending and the permutation that sorts them, the covariance in that
 * order, and the explained reconstruction of each dimension: replace it by its mean, decode, and
 * measure {@code (loss_pruned - loss_none) / (loss_all - loss_none)}. The cumulative curve replaces
 * the smallest-std dimensions instead, keeping the top k. The intrinsic dimension counts the
 * dimensions whose explained reconstruction reaches a threshold.
 *
 * <p>A code that has collapsed altogether (a penalty so strong that no dimension carries the data)
 * decodes every row to about the same output: the span {@code loss_all - loss_none} is then about 0,
 * and the explained reconstruction a ratio of two noises. {@link #collapsed} says so when the span
 * is below {@value #COLLAPSED_SHARE} of the data's variance (the mean of its columns' variances, in
 * the units the model sees: the MSE of predicting each column's mean), and the intrinsic dimension
 * is then 0.
 *
 * <p>Data without variance (every row the same, such as a constant or all-zero file) has nothing for
 * a dimension to carry: {@link #noVariance} says so, nothing is counted, and the analysis is not
 * called collapsed, since no penalty is to blame. A column counts as constant when its largest and
 * smallest values are equal, so that float rounding in its variance does not pass for data.
 *
 * <p>Cost and memory: the data goes through the model a batch of rows at a time, so memory holds one
 * batch's activations and the codes, never the whole data's activations. Stds, covariance and the two
 * losses use every row. The explained reconstruction and the cumulative curve need 2d decodes of the
 * rows they are measured on, so they are measured on every row of a small problem and on an evenly
 * spaced sample of a large one ({@link Options#explainedRows}, {@link Options#decodeBudget}): their
 * cost is then bounded by a fixed number of multiply-adds, not 2d decodes of the whole data, until
 * a very wide code reaches the fewest rows they are measured on ({@link Options#minRows}).
 * {@link #explainedRows} says how many rows they saw.
 *
 * @param stds          std of each latent dimension over the data (N - 1), in latent order
 * @param order         latent indices sorted by std, largest first
 * @param covariance    latent covariance with rows and columns in {@code order}
 * @param explained     explained reconstruction of each dimension, in latent order
 * @param cumulative    entry k-1: share of the reconstruction kept by the top k dimensions
 * @param lossNone      reconstruction loss with every dimension kept (every row)
 * @param lossAll       reconstruction loss with every dimension replaced by its mean (every row)
 * @param intrinsicDimension dimensions whose explained reconstruction is at least the threshold; 0 when
 *                           nothing is counted ({@link #counted})
 * @param aboveRelativeStd   dimensions whose std exceeds the relative threshold times the largest; 0 when
 *                           nothing is counted
 * @param explainedRows the rows {@code explained} and {@code cumulative} were measured on: all of
 *                      them, or an evenly spaced sample of a large data set
 * @param dataVariance  the mean of the data columns' variances (N), in the units the model sees; NaN
 *                      when not measured; 0 exactly when every column is constant
 * @param rows          the rows of the data analysed (stds and losses use all of them); {@code explainedRows}
 *                      of them when unknown
 */
public record LatentAnalysis(double[] stds, int[] order, double[][] covariance, double[] explained,
                             double[] cumulative, double lossNone, double lossAll, int intrinsicDimension,
                             int aboveRelativeStd, int explainedRows, double dataVariance, int rows) {

    public static final double DEFAULT_EXPLAINED_THRESHOLD = 0.01;
    public static final double DEFAULT_RELATIVE_STD = 0.01;
    /** A reconstruction span below this share of the data's variance means that no dimension carries the data. */
    public static final double COLLAPSED_SHARE = 0.01;

    /** An analysis whose explained reconstruction was measured on an unrecorded number of rows (0). */
    public LatentAnalysis(double[] stds, int[] order, double[][] covariance, double[] explained, double[] cumulative,
                          double lossNone, double lossAll, int intrinsicDimension, int aboveRelativeStd) {
        this(stds, order, covariance, explained, cumulative, lossNone, lossAll, intrinsicDimension, aboveRelativeStd,
                0, Double.NaN);
    }

    /** An analysis of as many rows as its explained reconstruction was measured on. */
    public LatentAnalysis(double[] stds, int[] order, double[][] covariance, double[] explained, double[] cumulative,
                          double lossNone, double lossAll, int intrinsicDimension, int aboveRelativeStd,
                          int explainedRows, double dataVariance) {
        this(stds, order, covariance, explained, cumulative, lossNone, lossAll, intrinsicDimension, aboveRelativeStd,
                explainedRows, dataVariance, explainedRows);
    }

    /** An analysis without the data's variance (NaN): {@link #collapsed} then compares the span with {@code lossAll}. */
    public LatentAnalysis(double[] stds, int[] order, double[][] covariance, double[] explained, double[] cumulative,
                          double lossNone, double lossAll, int intrinsicDimension, int aboveRelativeStd,
                          int explainedRows) {
        this(stds, order, covariance, explained, cumulative, lossNone, lossAll, intrinsicDimension, aboveRelativeStd,
                explainedRows, Double.NaN);
    }

    /** {@code lossAll - lossNone}: how much the codes improve on decoding every row from the mean code. */
    public double reconstructionSpan() {
        return lossAll - lossNone;
    }

    /**
     * Whether no dimension carries the data: the reconstruction span is below {@link #COLLAPSED_SHARE}
     * of the data's variance (of {@code lossAll} when the variance is unknown), so the explained
     * reconstruction of every dimension is a ratio of noise.
     */
    public boolean collapsed() {
        return !noVariance() && collapsed(lossNone, lossAll, dataVariance);
    }

    /**
     * Whether the data has no variance: every column is constant (when the variance is unknown: the
     * mean code already reconstructs every row exactly), so there is no dimension to count.
     */
    public boolean noVariance() {
        return noVariance(lossAll, dataVariance);
    }

    /**
     * Whether latent dimension {@code j} has collapsed, as its std says: its std is at most
     * {@link #DEFAULT_RELATIVE_STD} of the largest (the second count's line), or the whole code
     * collapsed. A dimension above the line that explains less than 1% of the reconstruction is not
     * collapsed, only not counted; nor is any dimension of data without variance (nothing to carry).
     */
    public boolean collapsed(int j) {
        if (noVariance()) {
            return false;
        }
        return collapsed() || stds[j] <= DEFAULT_RELATIVE_STD * stds[order[0]];
    }

    /** Whether a count stands: the data varies and some dimension carries it. */
    public boolean counted() {
        return !noVariance() && !collapsed();
    }

    /**
     * Whether the explained reconstruction (and so the intrinsic dimension) was measured on a sample
     * of the rows rather than on every row.
     */
    public boolean sampled() {
        return explainedRows > 0 && explainedRows < rows;
    }

    static boolean noVariance(double lossAll, double variance) {
        return Double.isFinite(variance) ? variance == 0 : !(lossAll > 0);
    }

    /** The span of {@link #reconstructionSpan} as a share of the data's variance (of {@code lossAll} without it). */
    public double spanShare() {
        double reference = Double.isFinite(dataVariance) ? dataVariance : lossAll;
        return reference > 0 ? (lossAll - lossNone) / reference : 0;
    }

    static boolean collapsed(double lossNone, double lossAll, double variance) {
        double reference = Double.isFinite(variance) ? variance : lossAll;
        return !((lossAll - lossNone) > COLLAPSED_SHARE * reference);
    }

    /** Hears how far an analysis has come; {@code done} of {@code total} rows passed through the model. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(long done, long total);
    }

    /**
     * How an analysis runs.
     *
     * @param explainedThreshold explained reconstruction a dimension needs to count as intrinsic
     * @param relativeStd        share of the largest std a dimension must exceed for {@code aboveRelativeStd}
     * @param batchRows          rows through the model at a time (memory: one batch's activations)
     * @param explainedRows      the most rows the explained reconstruction is measured on
     * @param decodeBudget       the most multiply-adds of the decoder spent on it (2d - 1 decodes of
     *                           the sample, each row costing about the decoder's parameter count), which
     *                           bounds the sample of a wide model; it never goes below {@code minRows}
     * @param minRows            the fewest rows it is measured on (all of them when the data has fewer)
     * @param progress           told after every batch
     */
    public record Options(double explainedThreshold, double relativeStd, int batchRows, int explainedRows,
                          long decodeBudget, int minRows, Progress progress) {
        public Options {
            if (batchRows < 1 || explainedRows < 2 || minRows < 2 || decodeBudget < 1) {
                throw new IllegalArgumentException("batchRows and decodeBudget must be >= 1, explainedRows and minRows"
                        + " >= 2; got " + batchRows + ", " + decodeBudget + ", " + explainedRows + ", " + minRows);
            }
            if (progress == null) {
                progress = Progress.NONE;
            }
        }

        /**
         * 1% explained reconstruction, std above 1% of the largest, batches of 4,096 rows, the explained
         * reconstruction on at most 4,096 rows and 5e10 multiply-adds (some 5-10 s on one core), and
         * on at least 64 rows.
         */
        public static Options defaults() {
            return new Options(DEFAULT_EXPLAINED_THRESHOLD, DEFAULT_RELATIVE_STD, 4096, 4096, 50_000_000_000L, 64,
                    Progress.NONE);
        }

        public Options withThresholds(double explained, double relative) {
            return new Options(explained, relative, batchRows, explainedRows, decodeBudget, minRows, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(explainedThreshold, relativeStd, batchRows, explainedRows, decodeBudget, minRows, p);
        }

        public Options withBatchRows(int rows) {
            return new Options(explainedThreshold, relativeStd, rows, explainedRows, decodeBudget, minRows, progress);
        }

        /**
         * The rows the explained reconstruction of {@code n} rows is measured on, for {@code d} latent
         * dimensions and a decoder costing {@code rowCost} multiply-adds a row.
         */
        public int sampleRows(long n, int d, long rowCost) {
            long byBudget = Math.max(minRows, decodeBudget / ((2L * d - 1) * Math.max(1, rowCost)));
            return (int) Math.min(n, Math.min(explainedRows, byBudget));
        }
    }

    /** With the default options. */
    public static LatentAnalysis of(AutoEncoder model, INDArray x) {
        return of(model, x, Options.defaults());
    }

    public static LatentAnalysis of(AutoEncoder model, INDArray x, double explainedThreshold, double relativeStd) {
        return of(model, x, Options.defaults().withThresholds(explainedThreshold, relativeStd));
    }

    /** @param x rows, or samples in the model's input shape ({@code N x C x H x W} for a convolutional model) */
    public static LatentAnalysis of(AutoEncoder model, INDArray x, Options options) {
        if (x.rank() > 2) {
            x = model.asRows(x);
        }
        if (x.rank() != 2 || x.rows() < 2) {
            throw new LvaException("latent analysis needs at least 2 samples (rows, or the model's input shape "
                    + model.inputShape() + "), got shape " + Arrays.toString(x.shape()));
        }
        boolean wasTraining = model.isTraining();
        model.setTraining(false);
        try {
            return new Run(model, x, options).analyse();
        } finally {
            model.setTraining(wasTraining);
        }
    }

    /** The stds in descending order. */
    public double[] sortedStds() {
        return Arrays.stream(order).mapToDouble(j -> stds[j]).toArray();
    }

    /** One analysis: the passes over the data and what they accumulate. */
    private static final class Run {
        /** At most this many numbers in a batch's input or output (16 MB of float32). */
        private static final long BATCH_CELLS = 1 << 22;

        private final AutoEncoder model;
        private final INDArray data;
        private final boolean bytes;
        private final Options options;
        private final int n;
        private final int d;
        private final int sample;
        private final int batchRows;
        private final long total;
        private long done;
        private INDArray reconstructions;

        Run(AutoEncoder model, INDArray x, Options options) {
            this.model = model;
            // image bytes stay bytes: each pass converts one batch of rows (ImageBytes.pixels, the values the
            // whole array would have), so the analysis holds a quarter of the float32 data
            this.bytes = ImageBytes.isBytes(x);
            this.data = bytes ? x : x.castTo(model.dataType());
            this.options = options;
            this.n = (int) x.rows();
            this.d = model.latentDimension();
            // a convolution's multiply-adds are many times its parameters: the budget counts the larger
            long rowCost = Math.max(model.decoder().parameterSpecs().stream().mapToLong(ParamSpec::size).sum(),
                    model.decodeMultiplyAdds());
            this.sample = options.sampleRows(n, d, Math.max(rowCost, (long) d + model.inputDimension()));
            // a batch of a wide data set holds fewer rows: its activations are rows x width numbers
            int width = Math.max(d, model.inputDimension());
            this.batchRows = (int) Math.max(1, Math.min(options.batchRows(), BATCH_CELLS / width));
            // encode and decode every row, then decode the sample once per replaced set of dimensions
            this.total = 2L * n + (long) sample * (2L * d - 1);
        }

        LatentAnalysis analyse() {
            INDArray z = encodeAll();
            double[] means = new double[d];
            INDArray covariance = covariance(z, means);
            Matrix cov = Matrix.wrap(covariance);
            double[] stds = new double[d];
            for (int j = 0; j < d; j++) {
                stds[j] = Math.sqrt(Math.max(cov.get(j, j), 0));
            }
            int[] order = IntStream.range(0, d).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -stds[j]).thenComparingInt(j -> j))
                    .mapToInt(Integer::intValue).toArray();
            double[][] ordered = new double[d][];
            for (int a = 0; a < d; a++) {
                ordered[a] = new double[d];
                for (int b = 0; b < d; b++) {
                    ordered[a][b] = cov.get(order[a], order[b]);
                }
            }
            free(covariance);
            double lossNone = lossNone(z);
            double lossAll = lossAll(means);

            int[] rows = RowSample.evenly(n, sample);
            INDArray zs = sample == n ? z : z.getRows(rows);
            INDArray xs = sampleRows(rows);
            double sampleNone = sample == n ? lossNone : decodedLoss(zs, xs) / sample;
            double sampleAll = sample == n ? lossAll : meanCodeLoss(means, xs, sample) / sample;
            double span = sampleAll - sampleNone;
            // masks 0..d-1 replace one dimension; masks d..2d-2 keep the top k = 1..d-1 and replace the rest
            boolean[][] masks = new boolean[2 * d - 1][];
            for (int j = 0; j < d; j++) {
                masks[j] = new boolean[d];
                masks[j][j] = true;
            }
            for (int k = 1; k < d; k++) {
                boolean[] rest = new boolean[d];
                for (int r = k; r < d; r++) {
                    rest[order[r]] = true;
                }
                masks[d + k - 1] = rest;
            }
            // a model that reconstructs worse than the mean code explains nothing; its masks are not decoded
            double[] losses = span > 0 ? maskedLosses(zs, xs, means, masks) : new double[masks.length];
            advance(total - done);
            double[] explained = new double[d];
            for (int j = 0; j < d; j++) {
                explained[j] = span > 0 ? (losses[j] - sampleNone) / span : 0;
            }
            double[] cumulative = new double[d];
            for (int k = 1; k < d; k++) {
                cumulative[k - 1] = span > 0 ? 1 - (losses[d + k - 1] - sampleNone) / span : 1;
            }
            // every dimension kept: the loss is lossNone itself
            cumulative[d - 1] = 1;
            double variance = variance();
            // data without variance, or a collapsed code: the explained reconstructions are noise and nothing
            // counts, by either rule (stds of noise above 1% of the largest noise are no dimensions)
            boolean nothing = noVariance(lossAll, variance) || collapsed(lossNone, lossAll, variance);
            int intrinsic = nothing ? 0
                    : (int) Arrays.stream(explained).filter(e -> e >= options.explainedThreshold()).count();
            double max = stds[order[0]];
            int above = nothing ? 0 : (int) Arrays.stream(stds).filter(s -> s > options.relativeStd() * max).count();
            free(zs, z);
            free(xs, data);
            free(z);
            if (reconstructions != null) {
                free(reconstructions);
            }
            return new LatentAnalysis(stds, order, ordered, explained, cumulative, lossNone, lossAll, intrinsic, above,
                    sample, variance, n);
        }

        /**
         * The mean of the columns' variances (N): the MSE of predicting each column by its mean. A
         * column whose largest and smallest values are equal counts 0 exactly: its computed variance is
         * rounding, and data of constant columns must read as having none.
         */
        private double variance() {
            int cols = (int) data.columns();
            double[] vars = new double[cols];
            double[] his = new double[cols];
            double[] los = new double[cols];
            // image bytes a block of columns at a time, every row of them converted: each column's
            // variance is reduced over the same values in the same order as over the whole array
            int block = bytes ? (int) Math.max(1, Math.min(cols, BATCH_CELLS / Math.max(1, n))) : cols;
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                INDArray part = bytes ? ImageBytes.pixels(data.get(NDArrayIndex.all(), NDArrayIndex.interval(c0, c1)),
                        model.dataType()) : data;
                INDArray v = part.var(false, 0);
                INDArray hi = part.max(0);
                INDArray lo = part.min(0);
                System.arraycopy(v.castTo(DataType.DOUBLE).toDoubleVector(), 0, vars, c0, c1 - c0);
                System.arraycopy(hi.castTo(DataType.DOUBLE).toDoubleVector(), 0, his, c0, c1 - c0);
                System.arraycopy(lo.castTo(DataType.DOUBLE).toDoubleVector(), 0, los, c0, c1 - c0);
                free(v);
                free(hi);
                free(lo);
                free(part, data);
            }
            double sum = 0;
            for (int j = 0; j < vars.length; j++) {
                sum += his[j] == los[j] ? 0 : vars[j];
            }
            return sum / vars.length;
        }

        /** The codes of every row, a batch at a time. */
        private INDArray encodeAll() {
            INDArray z = Nd4j.create(model.dataType(), n, d);
            for (int from = 0; from < n; from += batchRows) {
                int to = Math.min(n, from + batchRows);
                INDArray batch = dataRows(from, to);
                INDArray codes = model.encode(batch);
                freeRows(batch);
                rows(z, from, to).assign(codes);
                free(codes);
                advance(to - from);
            }
            return z;
        }

        /**
         * The covariance (N - 1) of the codes in float64, fills {@code means}: batch by batch, centred
         * on the means so that no large sums cancel.
         */
        private INDArray covariance(INDArray z, double[] means) {
            double[] sums = new double[d];
            for (int from = 0; from < n; from += batchRows) {
                int to = Math.min(n, from + batchRows);
                INDArray batch = rows(z, from, to);
                INDArray wide = batch.castTo(DataType.DOUBLE);
                INDArray sum = wide.sum(0);
                double[] s = sum.toDoubleVector();
                free(sum);
                free(wide, batch);
                for (int j = 0; j < d; j++) {
                    sums[j] += s[j];
                }
            }
            for (int j = 0; j < d; j++) {
                means[j] = sums[j] / n;
            }
            INDArray mean = Nd4j.createFromArray(means).reshape(1, d);
            INDArray acc = Nd4j.zeros(DataType.DOUBLE, d, d);
            for (int from = 0; from < n; from += batchRows) {
                int to = Math.min(n, from + batchRows);
                INDArray batch = rows(z, from, to);
                INDArray wide = batch.castTo(DataType.DOUBLE);
                INDArray centred = wide.subRowVector(mean);
                INDArray product = centred.transpose().mmul(centred);
                acc.addi(product);
                free(product);
                free(centred);
                free(wide, batch);
            }
            acc.divi(n - 1);
            return acc;
        }

        /** The reconstruction loss of every row. */
        private double lossNone(INDArray z) {
            double sum = 0;
            for (int from = 0; from < n; from += batchRows) {
                int to = Math.min(n, from + batchRows);
                INDArray batch = dataRows(from, to);
                sum += decodedLoss(rows(z, from, to), batch);
                freeRows(batch);
                advance(to - from);
            }
            return sum / n;
        }

        /** The loss of every row when every code is the mean code: one decode, compared with each row. */
        private double lossAll(double[] means) {
            double sum = 0;
            for (int from = 0; from < n; from += batchRows) {
                int to = Math.min(n, from + batchRows);
                INDArray batch = dataRows(from, to);
                sum += meanCodeLoss(means, batch, to - from);
                freeRows(batch);
            }
            return sum / n;
        }

        /** The loss of {@code rows} rows of {@code x} decoded from the mean code, times the row count. */
        private double meanCodeLoss(double[] means, INDArray x, int rows) {
            INDArray code = row(means);
            INDArray reconstruction = model.decode(code);
            INDArray repeated = reconstruction.repeat(0, rows);
            double loss = weightedLoss(repeated, x);
            free(repeated, reconstruction);
            free(reconstruction);
            free(code);
            return loss;
        }

        /** The loss of decoding {@code z} against {@code x}, times the row count. */
        private double decodedLoss(INDArray z, INDArray x) {
            INDArray reconstruction = reconstructions((int) z.rows());
            model.decodeInto(z, reconstruction);
            return weightedLoss(reconstruction, x);
        }

        /** The first {@code rows} rows of one array reused for every batch's reconstructions. */
        private INDArray reconstructions(int rows) {
            if (reconstructions == null || reconstructions.rows() < rows) {
                if (reconstructions != null) {
                    free(reconstructions);
                }
                reconstructions = Nd4j.create(model.dataType(), Math.max(rows, batchRows), model.inputDimension());
            }
            return rows == reconstructions.rows() ? reconstructions : rows(reconstructions, 0, rows);
        }

        /**
         * The loss on the sample with the dimensions of each mask replaced by their means. Masks are
         * decoded together, as many as fill a batch, so that a small sample still makes large products.
         */
        private double[] maskedLosses(INDArray zs, INDArray xs, double[] means, boolean[][] masks) {
            double[] losses = new double[masks.length];
            int perBatch = Math.max(1, batchRows / sample);
            INDArray stacked = Nd4j.create(model.dataType(), (long) Math.min(perBatch, masks.length) * sample, d);
            double[] kept = new double[d];
            double[] replaced = new double[d];
            for (int first = 0; first < masks.length; first += perBatch) {
                int count = Math.min(perBatch, masks.length - first);
                for (int m = 0; m < count; m++) {
                    // codes * kept + means * replaced: exact (times 1 or 0, plus 0 or the mean), and three
                    // native operations a mask instead of a Java loop over sample x d entries
                    boolean[] mask = masks[first + m];
                    for (int j = 0; j < d; j++) {
                        kept[j] = mask[j] ? 0 : 1;
                        replaced[j] = mask[j] ? means[j] : 0;
                    }
                    INDArray keep = row(kept);
                    INDArray put = row(replaced);
                    rows(stacked, m * sample, (m + 1) * sample).assign(zs).muliRowVector(keep).addiRowVector(put);
                    free(keep);
                    free(put);
                }
                INDArray input = count * sample == stacked.rows() ? stacked : rows(stacked, 0, count * sample);
                INDArray decoded = reconstructions(count * sample);
                model.decodeInto(input, decoded);
                for (int m = 0; m < count; m++) {
                    losses[first + m] = weightedLoss(rows(decoded, m * sample, (m + 1) * sample), xs) / sample;
                }
                advance((long) count * sample);
            }
            free(stacked);
            return losses;
        }

        /** The loss of a block of rows times its row count, so that blocks add up to a mean over all rows. */
        private double weightedLoss(INDArray reconstruction, INDArray x) {
            return model.loss().value(reconstruction, x) * x.rows();
        }

        private INDArray row(double[] values) {
            return Nd4j.createFromArray(values).reshape(1, values.length).castTo(model.dataType());
        }

        private void advance(long rows) {
            done = Math.min(total, done + rows);
            options.progress().update(done, total);
        }

        /** Rows {@code from} to {@code to} of the data in the model's type: a view, or converted image bytes. */
        private INDArray dataRows(int from, int to) {
            INDArray r = rows(data, from, to);
            return bytes ? ImageBytes.pixels(r, model.dataType()) : r;
        }

        /** The sampled rows of the data in the model's type (the data itself when every row is sampled). */
        private INDArray sampleRows(int[] picked) {
            if (sample == n) {
                return bytes ? ImageBytes.pixels(data, model.dataType()) : data;
            }
            INDArray r = data.getRows(picked);
            if (!bytes) {
                return r;
            }
            INDArray converted = ImageBytes.pixels(r, model.dataType());
            free(r);
            return converted;
        }

        /** Frees a batch {@link #dataRows} converted; a view of the data itself is left alone. */
        private void freeRows(INDArray batch) {
            if (bytes) {
                free(batch);
            }
        }

        private static INDArray rows(INDArray a, int from, int to) {
            return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }

        /**
         * Frees a temporary's native memory now: ND4J frees it only when the garbage collector takes the
         * Java object, and a small heap may not be collected for thousands of batches (2,000,000 rows
         * left 700 MB of freed batches in memory). Never an array it shares memory with.
         */
        private static void free(INDArray temp, INDArray... sources) {
            for (INDArray s : sources) {
                if (temp == s) {
                    return;
                }
            }
            if (temp.closeable()) {
                temp.close();
            }
        }
    }
}
