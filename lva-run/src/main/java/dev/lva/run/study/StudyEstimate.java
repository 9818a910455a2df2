package dev.lva.run.study;

import java.util.List;
import dev.lva.run.sweep.SweepRunner;
import java.util.Locale;

/**
 * How long a study should take, before it starts: each run's multiply-adds (training passes, the
 * latent analysis's decodes, the evaluation's decodes) at rates measured on the quick study's
 * conv-lvae runs on the project's quiet 2-core VM (2026-12-07): its 24 runs took 2 min 1 s, two at a
 * time (14.4 min when other jobs loaded the machine). A guide; the evaluation (pruning curve,
 * principal counts, kNN) is most of a run.
 *
 * @param runs    the study's runs
 * @param seconds the estimated wall time
 * @param atATime the runs trained at a time it assumes
 */
public record StudyEstimate(int runs, double seconds, int atATime) {
    /**
     * Seconds per multiply-add of a training step (forward and backward), of the latent analysis's decodes
     * and of the evaluation's: the loaded machine's rates (22 s of training for 1,000 images x 20 epochs,
     * 9.1 s for 66,000 decoded rows, 44-54 s of evaluation a run) scaled by the quiet machine's 2.0 min
     * against the 15 min they gave.
     */
    static final double QUIET = 2.0 / 15;
    static final double TRAIN = 0.6e-9 * QUIET;
    static final double ANALYSIS = 0.46e-9 * QUIET;
    static final double EVALUATION = 7e-9 * QUIET;
    /** A run's fixed cost: starting, writing its folder and model. */
    static final double PER_RUN = 5 * QUIET;
    /** The evaluation's largest sample (RunEvaluation's default). */
    static final int EVALUATION_ROWS = 4096;

    public static StudyEstimate of(StudyOptions o, int runsAtATime) {
        int atATime = Math.max(1, runsAtATime);
        double total = 0;
        for (StudyData d : o.datasets()) {
            int n = d == StudyData.FASHION ? o.images() : o.synthImages();
            // Fashion-MNIST is padded to 32; the synthetic images are drawn at their side
            int side = d == StudyData.FASHION ? 32 : o.synthSize();
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
        String time = SweepRunner.duration(seconds);
        // "under a second" is a bound already: "about under a second" says it twice
        return String.format(Locale.ROOT, "expected time: %s%s (%d run%s, %d at a time; estimated from runs measured"
                + " on a quiet 2-core machine, a guide)", time.startsWith("under") ? "" : "about ", time, runs,
                runs == 1 ? "" : "s", atATime);
    }
}
