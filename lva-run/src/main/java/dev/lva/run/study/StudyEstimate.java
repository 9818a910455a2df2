package dev.lva.run.study;

import java.util.List;
import java.util.Locale;

/**
 * How long a study should take, before it starts: each run's multiply-adds (training passes, the
 * latent analysis's decodes, the evaluation's decodes) at rates measured on the quick study's
 * conv-lvae runs on the project's 2-core VM (2026-12-07), which other jobs loaded to an average of
 * 12-16 at the time: its 24 runs took 14.4 min, this estimate says 15. A guide, long on a quiet
 * machine; the evaluation (pruning curve, principal counts, kNN) is most of a run there.
 *
 * @param runs    the study's runs
 * @param seconds the estimated wall time
 * @param atATime the runs trained at a time it assumes
 */
public record StudyEstimate(int runs, double seconds, int atATime) {
    /** Seconds per multiply-add of a training step (forward and backward): 22 s for 1,000 images x 20 epochs. */
    static final double TRAIN = 0.6e-9;
    /** Of the latent analysis's decodes: 9.1 s for 66,000 decoded rows. */
    static final double ANALYSIS = 0.46e-9;
    /** Of the evaluation's (pruning curve, principal counts, kNN, Lipschitz bound): 44-54 s a run of the quick study. */
    static final double EVALUATION = 7e-9;
    /** A run's fixed cost: starting, writing its folder and model. */
    static final double PER_RUN = 5;
    /** The evaluation's largest sample (RunEvaluation's default). */
    static final int EVALUATION_ROWS = 4096;

    public static StudyEstimate of(StudyOptions o, int runsAtATime) {
        int atATime = Math.max(1, runsAtATime);
        double total = 0;
        for (StudyData d : o.datasets()) {
            int n = d == StudyData.FASHION ? o.images() : o.synthImages();
            int side = 32;
            double decoder = decoderMacs(o.channels(), side, o.latent());
            double perRun = PER_RUN + o.epochs() * (double) n * 6 * decoder * TRAIN
                    + (2.0 * o.latent() + 1) * n * decoder * ANALYSIS
                    + (2.0 * o.latent() + 1) * Math.min(n, EVALUATION_ROWS) * decoder * EVALUATION;
            total += perRun * o.penalties().size() * o.lambdas().size() * o.seeds().size();
        }
        return new StudyEstimate(o.runs(), total / atATime, atATime);
    }

    /**
     * The multiply-adds of one image through conv-lvae's decoder (the encoder's are alike): a 4 x 4
     * kernel per output pixel and channel pair at each halving, and the linear layer to the latent.
     */
    static double decoderMacs(List<Integer> channels, int side, int latent) {
        double macs = 0;
        int in = 1;
        int s = side;
        for (int c : channels) {
            s = Math.max(1, s / 2);
            macs += (double) in * c * 16 * s * s;
            in = c;
        }
        return macs + (double) in * s * s * latent;
    }

    /** {@code expected time: about 9 min (24 runs, 2 at a time; ...)}. */
    public String text() {
        return String.format(Locale.ROOT, "expected time: about %s (%d run%s, %d at a time; estimated from runs"
                + " measured on a loaded 2-core machine, a guide)", duration(seconds), runs, runs == 1 ? "" : "s",
                atATime);
    }

    static String duration(double s) {
        if (s < 90) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 90 * 60) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
