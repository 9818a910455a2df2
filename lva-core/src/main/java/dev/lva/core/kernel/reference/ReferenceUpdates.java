package dev.lva.core.kernel.reference;

import dev.lva.core.kernel.AdamStep;
import dev.lva.core.kernel.Updates;
import dev.lva.core.tensor.Matrix;

/** Optimizer updates entry by entry in double, moments read and written in the state's own arrays. */
final class ReferenceUpdates implements Updates {

    @Override
    public void adam(AdamStep s, Matrix params, Matrix grads) {
        boolean single = params.isFloat();
        for (int k = 0; k < params.length(); k++) {
            double theta = params.get(k) * s.shrink;
            double g = grads.get(k) + s.coupledDecay * theta;
            double m = s.beta1 * (single ? s.mf[k] : s.md[k]) + (1 - s.beta1) * g;
            double v = s.beta2 * (single ? s.vf[k] : s.vd[k]) + (1 - s.beta2) * g * g;
            if (single) {
                s.mf[k] = (float) m;
                s.vf[k] = (float) v;
            } else {
                s.md[k] = m;
                s.vd[k] = v;
            }
            params.set(k, theta - s.stepSize * m / (Math.sqrt(v) * s.invBc2Sqrt + s.eps));
        }
    }

    @Override
    public void sgd(Matrix params, Matrix grads, Matrix buffer, boolean first, double lr, double momentum,
                    double dampening, boolean nesterov, double weightDecay) {
        for (int i = 0; i < params.length(); i++) {
            double theta = params.get(i);
            double d = grads.get(i) + weightDecay * theta;
            if (momentum > 0) {
                double b = first ? d : momentum * buffer.get(i) + (1 - dampening) * d;
                buffer.set(i, b);
                d = nesterov ? d + momentum * b : b;
            }
            params.set(i, theta - lr * d);
        }
    }
}
