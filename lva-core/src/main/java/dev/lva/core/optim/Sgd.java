package dev.lva.core.optim;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Updates;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Wrapped;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with PyTorch's semantics: coupled weight decay, optional momentum
 * (the buffer starts as the first gradient), dampening and Nesterov.
 */
public final class Sgd extends StepOptimizer {
    public static final int STATE_VERSION = 1;
    private static final Updates UPDATES = Kernels.active().updates();

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private Matrix buffer;
    private final Wrapped params = new Wrapped();
    private final Wrapped grads = new Wrapped();

    public Sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super(lr);
        if (!(lr > 0) || Double.isInfinite(lr) || !(momentum >= 0) || !(dampening >= 0) || !(weightDecay >= 0)) {
            throw new LvaException("SGD needs a finite lr > 0 and momentum, dampening, weight decay >= 0; got lr " + lr
                    + ", momentum " + momentum + ", dampening " + dampening + ", weight decay " + weightDecay);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new LvaException("Nesterov momentum needs momentum > 0 and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    public static Sgd plain(double lr) {
        return new Sgd(lr, 0, 0, false, 0);
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        Matrix p = params.of(parameters);
        Matrix g = grads.of(gradients);
        p.requireSameShape(g, "SGD gradients");
        // as PyTorch: the momentum buffer starts as the first gradient it sees, whatever the step count
        boolean first = momentum > 0 && buffer == null;
        if (first) {
            buffer = Matrix.zeros(p.dataType(), p.rows(), p.cols());
        } else if (buffer != null && buffer.length() != p.length()) {
            throw new LvaException("SGD's momentum is for " + buffer.length() + " parameters, the model has "
                    + p.length());
        }
        step++;
        UPDATES.sgd(p, g, buffer, first, lr, momentum, dampening, nesterov, weightDecay);
    }

    /** The first momentum entry that is not finite, or null (a search, asked for only after a risky step). */
    @Override
    public String nonFiniteState() {
        for (int i = 0; buffer != null && i < buffer.length(); i++) {
            if (!Double.isFinite(buffer.get(i))) {
                return "momentum_buffer[" + i + "] = " + buffer.get(i);
            }
        }
        return null;
    }

    @Override
    public StateDict state() {
        return new StateDict(STATE_VERSION, buffer == null ? Map.of() : Map.of("momentum_buffer", buffer.array().dup()),
                Map.of("step", (double) step, "lr", lr));
    }

    @Override
    public void loadState(StateDict state) {
        state.requireVersion(STATE_VERSION, "SGD");
        step = (long) state.scalar("step", "SGD");
        lr = state.scalar("lr", "SGD");
        INDArray b = state.arrays().get("momentum_buffer");
        buffer = b == null ? null : Matrix.wrap(b.reshape(1, b.length()).dup('c'));
    }
}
