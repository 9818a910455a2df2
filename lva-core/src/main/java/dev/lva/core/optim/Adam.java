package dev.lva.core.optim;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.StateDict;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Wrapped;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam with PyTorch's update, epsilon included ({@code sqrt(v_hat) + eps}, which ND4J's updater
 * places differently). Weight decay is coupled ({@code g + wd * theta}, PyTorch's {@code Adam}) or
 * decoupled ({@code theta *= 1 - lr * wd} first, PyTorch's {@code AdamW}). One pass over the flat
 * parameter buffer per step.
 */
public final class Adam implements Optimizer {
    public static final int STATE_VERSION = 1;

    private double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private long step;
    private Matrix m;
    private Matrix v;
    private final Wrapped params = new Wrapped();
    private final Wrapped grads = new Wrapped();

    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)
                || !(weightDecay >= 0)) {
            throw new LvaException("Adam needs lr > 0, 0 <= beta1, beta2 < 1, eps >= 0, weight decay >= 0; got lr "
                    + lr + ", betas " + beta1 + ", " + beta2 + ", eps " + eps + ", weight decay " + weightDecay);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    public static Adam adam(double lr) {
        return new Adam(lr, 0.9, 0.999, 1e-8, 0, false);
    }

    public static Adam adamW(double lr, double weightDecay) {
        return new Adam(lr, 0.9, 0.999, 1e-8, weightDecay, true);
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        Matrix p = params.of(parameters);
        Matrix g = grads.of(gradients);
        p.requireSameShape(g, "Adam gradients");
        if (m == null) {
            m = Matrix.zeros(p.dataType(), p.rows(), p.cols());
            v = Matrix.zeros(p.dataType(), p.rows(), p.cols());
        } else if (m.length() != p.length()) {
            throw new LvaException("Adam's state is for " + m.length() + " parameters, the model has " + p.length());
        } else if (m.dataType() != p.dataType()) {
            m = Matrix.copyOf(m.array(), p.dataType());
            v = Matrix.copyOf(v.array(), p.dataType());
        }
        step++;
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double coupled = decoupled ? 0 : weightDecay;
        double shrink = decoupled ? 1 - lr * weightDecay : 1;
        if (p.isFloat()) {
            stepFloat(p.floats(), g.floats(), m.floats(), v.floats(), p.length(), stepSize, bc2Sqrt, coupled, shrink);
            return;
        }
        for (int i = 0; i < p.length(); i++) {
            double theta = p.get(i) * shrink;
            double gi = g.get(i) + coupled * theta;
            double mi = beta1 * m.get(i) + (1 - beta1) * gi;
            double vi = beta2 * v.get(i) + (1 - beta2) * gi * gi;
            m.set(i, mi);
            v.set(i, vi);
            p.set(i, theta - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps));
        }
    }

    private void stepFloat(FloatBuffer p, FloatBuffer g, FloatBuffer m, FloatBuffer v, int n, double stepSize,
                           double bc2Sqrt, double coupled, double shrink) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float wd = (float) coupled;
        float sh = (float) shrink;
        float ss = (float) stepSize;
        float inv = (float) (1 / bc2Sqrt);
        float e = (float) eps;
        for (int i = 0; i < n; i++) {
            float theta = p.get(i) * sh;
            float gi = g.get(i) + wd * theta;
            float mi = b1 * m.get(i) + c1 * gi;
            float vi = b2 * v.get(i) + c2 * gi * gi;
            m.put(i, mi);
            v.put(i, vi);
            p.put(i, theta - ss * mi / ((float) Math.sqrt(vi) * inv + e));
        }
    }

    @Override
    public long iterations() {
        return step;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0)) {
            throw new LvaException("learning rate must be > 0, got " + learningRate);
        }
        this.lr = learningRate;
    }

    @Override
    public StateDict state() {
        return new StateDict(STATE_VERSION,
                m == null ? Map.of() : Map.of("exp_avg", m.array().dup(), "exp_avg_sq", v.array().dup()),
                Map.of("step", (double) step, "lr", lr));
    }

    @Override
    public void loadState(StateDict state) {
        state.requireVersion(STATE_VERSION, "Adam");
        step = (long) state.scalar("step", "Adam");
        lr = state.scalar("lr", "Adam");
        if (state.arrays().isEmpty()) {
            m = null;
            v = null;
            return;
        }
        INDArray sm = state.array("exp_avg", "Adam");
        INDArray sv = state.array("exp_avg_sq", "Adam");
        if (sm.length() != sv.length()) {
            throw new LvaException("Adam state: exp_avg has " + sm.length() + " entries, exp_avg_sq " + sv.length());
        }
        m = Matrix.wrap(sm.reshape(1, sm.length()).dup('c'));
        v = Matrix.wrap(sv.reshape(1, sv.length()).dup('c'));
    }
}
