package dev.lva.models.evaluate;

import dev.lva.api.LvaException;
import dev.lva.core.data.ImageBytes;
import dev.lva.core.data.RowSample;
import dev.lva.core.io.Labels;
import dev.lva.core.nn.ParamSpec;
import dev.lva.core.synth.TrueParameters;
import dev.lva.models.AutoEncoder;
import dev.lva.models.LatentAnalysis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LV paper's evaluation of one trained autoencoder, every metric in one record:
 * <ul>
 * <li>{@code importanceCorrelation}: the Pearson correlation, over latent dimensions, between each
 * dimension's std and its explained reconstruction ({@link LatentAnalysis#explained}: the MSE
 * increase when that dimension alone is set to its mean, over the increase when all are; Pearson's
 * correlation does not change under that scaling, so it is the correlation with the MSE increase);
 * NaN when the stds or the explained reconstructions are all equal (one dimension, say), or when
 * the analysis has no count (a collapsed code, data without variance);</li>
 * <li>{@code meanCorrelation}: the mean absolute off-diagonal correlation of the kept dimensions
 * ({@link CodeCorrelation}), the kept being those the intrinsic dimension counts;</li>
 * <li>{@code pruning}: the {@link PruningCurve} by std and by explained reconstruction;</li>
 * <li>{@code principal}: the {@link PrincipalCounts};</li>
 * <li>{@code lipschitz}: the decoder's {@link LipschitzBound};</li>
 * <li>{@code downstream}: given labels, the {@link KnnAccuracy} of the kept code dimensions beside
 * PCA's and the raw data's (null without labels);</li>
 * <li>{@code recovery}: given the true parameters of synthetic data, the {@link TruthRecovery} of
 * each from the kept dimensions, on the same held-out split (null without them).</li>
 * </ul>
 * The pruning curve and the principal counts decode the rows up to 3D + 3 times, so they are measured
 * on at most {@link Options#maxRows} evenly spaced rows, fewer for a decoder so costly that they would
 * pass {@link Options#decodeBudget} ({@link #rows} says how many). Downstream accuracy and truth
 * recovery encode only the rows of their split.
 *
 * @param importanceCorrelation Pearson(std, explained reconstruction) over latent dimensions
 * @param meanCorrelation       mean |corr| between distinct kept dimensions; NaN with fewer than 2
 * @param kept                  the kept latent dimensions (explained reconstruction >= threshold)
 * @param pruning               the pruning curves
 * @param principal             the counts along the principal axes
 * @param lipschitz             the decoder's Lipschitz bound
 * @param rows                  the rows the pruning curve and the principal counts were measured on
 * @param downstream            kNN accuracy, or null when no labels were given
 * @param recovery              recovery of the true parameters, or null when none were given
 */
public record RunEvaluation(double importanceCorrelation, double meanCorrelation, int[] kept, PruningCurve pruning,
                            PrincipalCounts principal, LipschitzBound lipschitz, int rows, KnnAccuracy downstream,
                            TruthRecovery recovery) {

    /**
     * How an evaluation runs.
     *
     * @param explainedThreshold the intrinsic dimension's rule: explained reconstruction a kept dimension needs
     * @param relativeStd        the second count's rule: share of the largest std a counted one exceeds
     * @param maxRows            the most rows the pruning curve and principal counts decode
     * @param decodeBudget       the most multiply-adds of the decoder they spend (3D + 3 decodes of the
     *                           rows, each row costing about the decoder's multiply-adds), which bounds
     *                           the rows of a wide model; never below {@link #MIN_ROWS} rows
     * @param batchRows          rows through the model at a time
     * @param knn                how downstream accuracy and truth recovery split and score the rows
     */
    public record Options(double explainedThreshold, double relativeStd, int maxRows, long decodeBudget, int batchRows,
                          KnnAccuracy.Options knn) {
        /** The fewest rows the pruning curve and principal counts are measured on (all, when fewer). */
        public static final int MIN_ROWS = 64;

        public Options {
            if (!(explainedThreshold >= 0) || !(relativeStd >= 0) || maxRows < 2 || decodeBudget < 1 || batchRows < 1
                    || knn == null) {
                throw new LvaException("evaluation options need thresholds >= 0, maxRows >= 2, decodeBudget and"
                        + " batchRows >= 1 and kNN options; got " + explainedThreshold + ", " + relativeStd + ", "
                        + maxRows + ", " + decodeBudget + ", " + batchRows + ", " + knn);
            }
        }

        /**
         * The intrinsic dimension's default rules; at most 4,096 rows and 5e10 multiply-adds (as the
         * latent analysis); batches of 1,024; kNN's defaults.
         */
        public static Options defaults() {
            return new Options(LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD, LatentAnalysis.DEFAULT_RELATIVE_STD, 4096,
                    50_000_000_000L, 1024, KnnAccuracy.Options.defaults());
        }

        public Options withThresholds(double explained, double relative) {
            return new Options(explained, relative, maxRows, decodeBudget, batchRows, knn);
        }

        public Options withRows(int max, long budget) {
            return new Options(explainedThreshold, relativeStd, max, budget, batchRows, knn);
        }

        public Options withKnn(KnnAccuracy.Options k) {
            return new Options(explainedThreshold, relativeStd, maxRows, decodeBudget, batchRows, k);
        }

        /** The rows decoded for {@code n} rows of a model of latent width {@code d} costing {@code rowCost} a row. */
        int sampleRows(long n, int d, long rowCost) {
            long byBudget = Math.max(MIN_ROWS, decodeBudget / ((3L * d + 3) * Math.max(1, rowCost)));
            return (int) Math.min(n, Math.min(maxRows, byBudget));
        }
    }

    /**
     * What an evaluation is given beside the model and the data, each optional: class labels (one per
     * row) for downstream accuracy, the true parameters of synthetic data (one row per data row) for
     * their recovery, the run's own latent analysis of the data (so that the kept dimensions are the
     * ones the run reported; made afresh with the options' thresholds when null), and the options.
     */
    public record Inputs(int[] labels, double[][] truth, List<String> truthNames, LatentAnalysis analysis,
                         Options options) {
        public Inputs {
            if ((truth == null) != (truthNames == null)) {
                throw new LvaException("true parameters need their names, and names their values");
            }
            truthNames = truthNames == null ? null : List.copyOf(truthNames);
            options = options == null ? Options.defaults() : options;
        }

        /** Nothing beyond the model and the data, default options. */
        public static Inputs none() {
            return new Inputs(null, null, null, null, Options.defaults());
        }

        public Inputs withLabels(int[] l) {
            return new Inputs(l, truth, truthNames, analysis, options);
        }

        /** Labels as read from a file ({@link Labels#read}, {@link Labels#readCsv}). */
        public Inputs withLabels(Labels l) {
            return withLabels(l.classes());
        }

        /** True parameters as read or generated; those constant over the rows are dropped (nothing to recover). */
        public Inputs withTruth(TrueParameters t) {
            TrueParameters v = t.varying();
            return withTruth(v.values(), v.names());
        }

        /** @param values n x P, one row per data row; @param names the P parameters' names */
        public Inputs withTruth(double[][] values, List<String> names) {
            return new Inputs(labels, values, names, analysis, options);
        }

        /** The run's analysis; the kept dimensions are counted with the options' thresholds, so give the run's. */
        public Inputs withAnalysis(LatentAnalysis a) {
            return new Inputs(labels, truth, truthNames, a, options);
        }

        public Inputs withOptions(Options o) {
            return new Inputs(labels, truth, truthNames, analysis, o);
        }
    }

    /** Every metric of {@code model} on {@code x} (n x input), with the default options and a fresh analysis. */
    public static RunEvaluation of(AutoEncoder model, INDArray x) {
        return of(model, x, Inputs.none());
    }

    /** Every metric, with downstream accuracy for {@code labels} (one per row of {@code x}; null for none). */
    public static RunEvaluation of(AutoEncoder model, INDArray x, int[] labels) {
        return of(model, x, Inputs.none().withLabels(labels));
    }

    /**
     * @param analysis the run's latent analysis of {@code x} (so that the kept dimensions are the ones the run
     *                 reported), or null to make one with the options' thresholds
     */
    public static RunEvaluation of(AutoEncoder model, INDArray x, LatentAnalysis analysis, Options options) {
        return of(model, x, Inputs.none().withAnalysis(analysis).withOptions(options));
    }

    /** Every metric of {@code model} on {@code x} (n x input rows, as the model reads them), given {@code in}. */
    public static RunEvaluation of(AutoEncoder model, INDArray x, Inputs in) {
        if (x.rank() != 2 || x.rows() < 2 || x.columns() != model.inputDimension()) {
            throw new LvaException("evaluation needs a matrix of at least 2 rows and " + model.inputDimension()
                    + " columns, got shape " + Arrays.toString(x.shape()));
        }
        if (in.labels() != null && in.labels().length != x.rows()) {
            throw new LvaException("evaluation of " + x.rows() + " rows was given " + in.labels().length + " labels");
        }
        if (in.truth() != null && in.truth().length != x.rows()) {
            throw new LvaException("evaluation of " + x.rows() + " rows was given " + in.truth().length
                    + " rows of true parameters");
        }
        Options options = in.options();
        boolean wasTraining = model.isTraining();
        model.setTraining(false);
        try {
            LatentAnalysis a = in.analysis() != null ? in.analysis() : LatentAnalysis.of(model, x,
                    options.explainedThreshold(), options.relativeStd());
            if (a.stds().length != model.latentDimension()) {
                throw new LvaException("the latent analysis has " + a.stds().length + " dimensions, the model "
                        + model.latentDimension());
            }
            int[] kept = CodeCorrelation.kept(a, options.explainedThreshold());
            // a collapsed code's explained reconstructions are ratios of noise: no correlation to report
            double importance = a.counted() ? Pearson.of(a.stds(), a.explained()) : Double.NaN;
            double meanCorrelation = CodeCorrelation.meanAbsolute(a, kept);

            long rowCost = Math.max(Math.max(model.decodeMultiplyAdds(), model.decoder().parameterSpecs().stream()
                    .mapToLong(ParamSpec::size).sum()), (long) model.latentDimension() + model.inputDimension());
            int[] sample = RowSample.evenly(x.rows(), options.sampleRows(x.rows(), model.latentDimension(), rowCost));
            // image bytes: the sampled rows converted by the pixel rule, never cast as 0..255
            INDArray picked = sample.length == x.rows() ? x : x.getRows(sample);
            INDArray xs = pixels(picked, model);
            INDArray z = Reconstructions.encode(model, xs, options.batchRows());
            INDArray mean = z.mean(0);
            double[] means = mean.toDoubleVector();
            Reconstructions rec = new Reconstructions(model, xs, z, options.batchRows());
            PruningCurve pruning = PruningCurve.of(rec, means, a.order(), a.explained());
            PrincipalCounts principal = PrincipalCounts.of(rec, options.explainedThreshold(), options.relativeStd(),
                    a.counted());
            // the sample's copies (tens of MB for 4,096 images) freed now, not left for the collector
            rec.free();
            Reconstructions.free(mean, z);
            if (xs != picked) {
                Reconstructions.free(xs, x);
            }
            Reconstructions.free(picked, x);
            LipschitzBound lipschitz = LipschitzBound.of(model);
            KnnAccuracy downstream = null;
            TruthRecovery recovery = null;
            if (in.labels() != null || in.truth() != null) {
                // only the rows of the split are encoded and searched: a cap on them bounds the cost
                HeldOutSplit split = options.knn().split((int) x.rows());
                Subset sub = new Subset(split);
                INDArray splitRows = x.getRows(sub.rows);
                INDArray xs2 = pixels(splitRows, model);
                INDArray codes = kept.length == 0 ? null : Reconstructions.encode(model, xs2, options.batchRows());
                INDArray keptCodes = codes == null ? null : codes.getColumns(kept);
                if (in.labels() != null) {
                    downstream = KnnAccuracy.of(keptCodes, xs2, sub.pick(in.labels()), sub.split, options.knn());
                }
                if (in.truth() != null) {
                    recovery = TruthRecovery.of(keptCodes, sub.pick(in.truth()), in.truthNames(), sub.split,
                            options.knn().k());
                }
                if (codes != null) {
                    Reconstructions.free(keptCodes, codes);
                    Reconstructions.free(codes, null);
                }
                if (xs2 != splitRows) {
                    Reconstructions.free(xs2, x);
                }
                Reconstructions.free(splitRows, x);
            }
            return new RunEvaluation(importance, meanCorrelation, kept, pruning, principal, lipschitz, sample.length,
                    downstream, recovery);
        } finally {
            model.setTraining(wasTraining);
        }
    }

    /**
     * The metrics as JSON-friendly fields (numbers, strings, lists, maps; a number that is not finite
     * is null), named as {@code summary.json} would name them.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("importance_correlation", finite(importanceCorrelation));
        m.put("importance_correlation_rule", "Pearson correlation over latent dimensions of std and explained"
                + " reconstruction (MSE increase when the dimension alone is set to its mean)");
        m.put("mean_correlation", finite(meanCorrelation));
        m.put("mean_correlation_rule", "mean absolute off-diagonal correlation of the kept dimensions");
        m.put("kept_dimensions", ints(kept));
        m.put("pruning_curve_by_std", doubles(pruning.byStd()));
        m.put("pruning_order_by_std", ints(pruning.stdOrder()));
        m.put("pruning_curve_by_explained", doubles(pruning.byExplained()));
        m.put("pruning_order_by_explained", ints(pruning.explainedOrder()));
        m.put("pruning_curve_rule", "entry k: reconstruction MSE keeping the top k dimensions, the others set to"
                + " their mean");
        m.put("principal_stds", doubles(principal.stds()));
        m.put("principal_explained", doubles(principal.explained()));
        m.put("principal_count", principal.explainedCount());
        m.put("principal_std_count", principal.stdCount());
        m.put("principal_count_rule", principal.rule());
        m.putAll(lipschitz.toMap());
        m.put("evaluation_rows", rows);
        if (downstream != null) {
            m.putAll(downstream.toMap());
        }
        if (recovery != null) {
            m.putAll(recovery.toMap());
        }
        return m;
    }

    /** The rows of a split, ascending, and the split renumbered to them. */
    private static final class Subset {
        final int[] rows;
        final HeldOutSplit split;

        Subset(HeldOutSplit s) {
            rows = java.util.stream.IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted()
                    .toArray();
            split = new HeldOutSplit(renumber(s.train()), renumber(s.test()));
        }

        private int[] renumber(int[] original) {
            return Arrays.stream(original).map(r -> Arrays.binarySearch(rows, r)).toArray();
        }

        int[] pick(int[] values) {
            return Arrays.stream(rows).map(r -> values[r]).toArray();
        }

        double[][] pick(double[][] values) {
            return Arrays.stream(rows).mapToObj(r -> values[r]).toArray(double[][]::new);
        }
    }

    static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static List<Object> doubles(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(finite(v));
        }
        return out;
    }

    static List<Integer> ints(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Rows of the data in the model's type: image bytes converted ({@link ImageBytes#pixels}), other rows as given. */
    private static INDArray pixels(INDArray rows, AutoEncoder model) {
        return ImageBytes.isBytes(rows) ? ImageBytes.pixels(rows, model.dataType()) : rows;
    }
}
