package dev.lva.core.kernel.cpu;

import dev.lva.core.kernel.Elementwise;
import dev.lva.core.kernel.PointwiseFunction;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Workers;

/**
 * Runs a function's own range loops ({@link PointwiseFunction#forwardRange}), cut into ranges over
 * {@link Workers} when the matrix is large; a backward pass that sums a parameter's gradient runs
 * as one range, so its sum does not depend on the thread count.
 */
final class CpuElementwise implements Elementwise {
    /** Below this many entries (~10 us of work) the loop stays on the caller. */
    private static final int PARALLEL_MIN = 1 << 14;
    /** Each calling thread's pass (a job's parts read it), so a pass allocates nothing. */
    private static final ThreadLocal<Pass> PASS = ThreadLocal.withInitial(Pass::new);

    @Override
    public void forward(PointwiseFunction f, Matrix x, Matrix y) {
        if (x.length() >= PARALLEL_MIN) {
            PASS.get().run(true, f, x, y, null, null);
        } else {
            f.forwardRange(x, y, 0, x.length());
        }
    }

    @Override
    public double backward(PointwiseFunction f, Matrix x, Matrix y, Matrix dy, Matrix dx) {
        if (x.length() >= PARALLEL_MIN && !f.hasParameter()) {
            PASS.get().run(false, f, x, y, dy, dx);
            return 0;
        }
        return f.backwardRange(x, y, dy, dx, 0, x.length());
    }

    /** One pass's operands, set before its ranges are handed out. */
    private static final class Pass implements Workers.Task {
        private boolean forward;
        private PointwiseFunction f;
        private Matrix x;
        private Matrix y;
        private Matrix dy;
        private Matrix dx;

        void run(boolean isForward, PointwiseFunction fn, Matrix xm, Matrix ym, Matrix dym, Matrix dxm) {
            forward = isForward;
            f = fn;
            x = xm;
            y = ym;
            dy = dym;
            dx = dxm;
            try {
                Workers.run(this);
            } finally {
                f = null;
                x = y = dy = dx = null;
            }
        }

        @Override
        public void run(int part, int parts) {
            int n = x.length();
            // 16 entries: a cache line of floats, so two threads never write one line
            int from = Workers.start(n, part, parts, 16);
            int to = Workers.start(n, part + 1, parts, 16);
            if (forward) {
                f.forwardRange(x, y, from, to);
            } else {
                f.backwardRange(x, y, dy, dx, from, to);
            }
        }
    }
}
