package dev.lva.core.optim;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.core.kernel.AdamStep;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Updates;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Wrapped;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam with PyTorch's update, epsilon included ({@code sqrt(v_hat) + eps}). Weight decay is coupled
 * ({@code g + wd * theta}, PyTorch's {@code Adam}) or decoupled ({@code theta *= 1 - lr * wd} first,
 * PyTorch's {@code AdamW}).
 *
 * <p>The moments live on the Java heap, where the update kernel ({@link Updates#adam}, through the
 * engine's kernel seam) runs a loop the JIT vectorises. ND4J's own {@code adam_updater} op, with
 * epsilon rescaled to match PyTorch, gives the same numbers but took 150 us here against 5 us.
 */
public final class Adam extends StepOptimizer {
    public static final int STATE_VERSION = 1;
    private static final Updates UPDATES = Kernels.active().updates();

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private int size = -1;
    private DataType type;
    private float[] mf;
    private float[] vf;
    private double[] md;
    private double[] vd;
    /** This step's coefficients and the moments, as the update kernel takes them. */
    private final AdamStep update = new AdamStep();
    private final Wrapped params = new Wrapped();
    private final Wrapped grads = new Wrapped();

    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(lr);
        if (!(lr > 0) || Double.isInfinite(lr) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(eps >= 0) || !(weightDecay >= 0)) {
            throw new LvaException("Adam needs a finite lr > 0, 0 <= beta1, beta2 < 1, eps >= 0, weight decay >= 0;"
                    + " got lr " + lr + ", betas " + beta1 + ", " + beta2 + ", eps " + eps + ", weight decay " + weightDecay);
        }
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
        prepare(p.length(), p.dataType());
        step++;
        update.beta1 = beta1;
        update.beta2 = beta2;
        update.eps = eps;
        update.stepSize = lr / (1 - Math.pow(beta1, step));
        update.invBc2Sqrt = 1 / Math.sqrt(1 - Math.pow(beta2, step));
        update.coupledDecay = decoupled ? 0 : weightDecay;
        update.shrink = decoupled ? 1 - lr * weightDecay : 1;
        update.mf = mf;
        update.vf = vf;
        update.md = md;
        update.vd = vd;
        UPDATES.adam(update, p, g);
    }

    private void prepare(int n, DataType t) {
        if (size < 0) {
            size = n;
            type = t;
        } else if (n != size) {
            throw new LvaException("Adam's state is for " + size + " parameters, the model has " + n);
        }
        if (t != type) {
            // a checkpoint's moments in the other precision: convert once
            INDArray m = moments(true);
            INDArray v = moments(false);
            type = t;
            adopt(m, v);
        }
        if (type == DataType.FLOAT && mf == null) {
            mf = new float[n];
            vf = new float[n];
        } else if (type == DataType.DOUBLE && md == null) {
            md = new double[n];
            vd = new double[n];
        }
    }

    /**
     * The first moment entry that is not finite, or null: a search over both moments, which the
     * trainer asks for only after a step whose squared gradients could overflow (a check in the
     * update loop itself cost 10-20 us a step, as much as the update: it stops the JIT vectorising).
     */
    @Override
    public String nonFiniteState() {
        if (size < 0) {
            return null;
        }
        String bad = type == DataType.FLOAT ? firstNonFinite("exp_avg_sq", vf) : firstNonFinite("exp_avg_sq", vd);
        if (bad == null) {
            bad = type == DataType.FLOAT ? firstNonFinite("exp_avg", mf) : firstNonFinite("exp_avg", md);
        }
        return bad;
    }

    private static String firstNonFinite(String name, float[] a) {
        for (int i = 0; a != null && i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                return name + "[" + i + "] = " + a[i];
            }
        }
        return null;
    }

    private static String firstNonFinite(String name, double[] a) {
        for (int i = 0; a != null && i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return name + "[" + i + "] = " + a[i];
            }
        }
        return null;
    }

    /** The first (or second) moments as a new array in the parameters' precision. */
    private INDArray moments(boolean first) {
        if (type == DataType.FLOAT) {
            return Nd4j.createFromArray((first ? mf : vf).clone());
        }
        return Nd4j.createFromArray((first ? md : vd).clone());
    }

    private void adopt(INDArray m, INDArray v) {
        if (type == DataType.FLOAT) {
            mf = m.castTo(DataType.FLOAT).toFloatVector();
            vf = v.castTo(DataType.FLOAT).toFloatVector();
            md = null;
            vd = null;
        } else {
            md = m.castTo(DataType.DOUBLE).toDoubleVector();
            vd = v.castTo(DataType.DOUBLE).toDoubleVector();
            mf = null;
            vf = null;
        }
    }

    @Override
    public StateDict state() {
        boolean started = size >= 0 && (mf != null || md != null);
        return new StateDict(STATE_VERSION,
                started ? Map.of("exp_avg", moments(true), "exp_avg_sq", moments(false)) : Map.of(),
                Map.of("step", (double) step, "lr", lr));
    }

    @Override
    public void loadState(StateDict state) {
        state.requireVersion(STATE_VERSION, "Adam");
        step = (long) state.scalar("step", "Adam");
        lr = state.scalar("lr", "Adam");
        if (state.arrays().isEmpty()) {
            size = -1;
            mf = null;
            vf = null;
            md = null;
            vd = null;
            return;
        }
        INDArray sm = state.array("exp_avg", "Adam");
        INDArray sv = state.array("exp_avg_sq", "Adam");
        if (sm.length() != sv.length()) {
            throw new LvaException("Adam state: exp_avg has " + sm.length() + " entries, exp_avg_sq " + sv.length());
        }
        size = (int) sm.length();
        type = sm.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        adopt(sm.reshape(sm.length()), sv.reshape(sv.length()));
    }
}
