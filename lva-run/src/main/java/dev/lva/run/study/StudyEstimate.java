package dev.lva.run.study;

import java.util.List;
import java.util.Locale;

/**
 * How long a study should take, before it starts: each run's multiply-adds (training passes, the
 * latent analysis's decodes, the evaluation's decodes) at rates measured on conv-lvae runs of the
 * quick study on the project's 2-core VM, which other jobs were loading at the time. A guide that
 * errs long on a quiet machine; the sweep prints a measured estimate after its first run.
 *
 * @param runs    the study's runs
 * @param seconds the estimated wall time
 * @param atATime the runs trained at a time it assumes
 */
public record StudyEstimate(int runs, double seconds, int atATime) {
    /** Seconds per multiply-add of a training step (forward and backward), measured: 10.4 s for 2,000 images x 8 epochs. */
    static final double TRAIN = 0.36e-9;
    /** Of the latent analysis's decodes: 9.1 s for 66,000 decoded rows. */
    static final double ANALYSIS = 0.46e-9;
    /** Of the evaluation's (pruning curve, principal counts, kNN, Lipschitz bound): 49 s and 10 s on two runs. */
    static final double EVALUATION = 2.2e-9;
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
        return String.format(Locale.ROOT, "expected time: about %s (%d runs, %d at a time; estimated from runs measured"
                + " on a loaded 2-core machine, a guide)", duration(seconds), runs, atATime);
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
