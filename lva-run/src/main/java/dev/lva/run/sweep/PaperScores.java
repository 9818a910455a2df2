package dev.lva.run.sweep;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The LV paper's scalar metrics of one run, as its {@code summary.json} states them (lva-run's
 * evaluation), for the sweep's table. Each is null where the run has none: an evaluation that failed,
 * a run of an older lva, kNN accuracy without {@code --labels}, truth recovery without {@code --truth}.
 *
 * @param importanceCorrelation Pearson correlation, over latent dimensions, of std and explained reconstruction
 * @param meanCorrelation       mean absolute off-diagonal correlation of the kept dimensions
 * @param principalCount        principal axes of the code's covariance counted by explained reconstruction
 * @param principalStdCount     principal axes counted by std
 * @param lipschitzBound        product of the decoder's layers' operator norms
 * @param knnAccuracy           kNN accuracy of the kept code on held-out rows
 * @param truthR2Mean           mean over the true parameters of their held-out R^2 from the kept code
 */
public record PaperScores(Double importanceCorrelation, Double meanCorrelation, Integer principalCount,
                          Integer principalStdCount, Double lipschitzBound, Double knnAccuracy, Double truthR2Mean)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A run without the evaluation. */
    public static final PaperScores NONE = new PaperScores(null, null, null, null, null, null, null);

    /** The scores in the entries a summary adds to its own ({@code RunSummary.more()}), read or just computed. */
    public static PaperScores of(Map<String, Object> more) {
        return new PaperScores(real(more.get("importance_correlation")), real(more.get("mean_correlation")),
                whole(more.get("principal_count")), whole(more.get("principal_std_count")),
                real(more.get("lipschitz_bound")), real(more.get("knn_accuracy_code")), mean(more.get("truth_r2")));
    }

    /** The scores in the order of {@link SweepTable#PAPER}. */
    public List<Object> values() {
        return Arrays.asList(importanceCorrelation, meanCorrelation, principalCount, principalStdCount,
                lipschitzBound, knnAccuracy, truthR2Mean);
    }

    /** A finite number, or null: JSON writes a number that is not finite as null (or as a string). */
    static Double real(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }

    static Integer whole(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    /** The mean of the parameters' R^2, or null when there are none or one is not finite. */
    private static Double mean(Object o) {
        if (!(o instanceof Map<?, ?> m) || m.isEmpty()) {
            return null;
        }
        Collection<?> values = m.values();
        double sum = 0;
        for (Object v : values) {
            Double d = real(v);
            if (d == null) {
                return null;
            }
            sum += d;
        }
        return sum / values.size();
    }
}
