package dev.lva.core.kernel;

/**
 * What one Adam step needs besides the buffers: the coefficients of this step and the moments the
 * optimizer keeps, in the parameters' precision (float[] for float32, double[] for float64). The
 * optimizer sets them before each call; the CPU kernel also keeps its staging copies of parameters and
 * gradients here (heap arrays the JIT vectorises over), so one optimizer's step allocates nothing.
 */
public final class AdamStep {
    /** PyTorch's betas and epsilon ({@code sqrt(v_hat) + eps}). */
    public double beta1;
    public double beta2;
    public double eps;
    /** {@code lr / (1 - beta1^t)}. */
    public double stepSize;
    /** {@code 1 / sqrt(1 - beta2^t)}. */
    public double invBc2Sqrt;
    /** Coupled weight decay (Adam: {@code g + wd * theta}); 0 for AdamW. */
    public double coupledDecay;
    /** Decoupled shrink (AdamW: {@code theta *= 1 - lr * wd} first); 1 for Adam. */
    public double shrink;
    /** First and second moments, float32 parameters. */
    public float[] mf;
    public float[] vf;
    /** First and second moments, float64 parameters. */
    public double[] md;
    public double[] vd;
    /** Staging arrays of the CPU kernel (allocated by it on first use). */
    public float[] pf;
    public float[] gf;
    public double[] pd;
    public double[] gd;
}
