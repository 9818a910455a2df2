package dev.lva.models;

import java.util.List;

/** An {@link MLP} with spectral norm on every Linear, the last included: 1-Lipschitz with LeakyReLU. */
public class SNMLP extends MLP {

    public SNMLP(int in, int out, List<Integer> hidden, String activation, long seed) {
        super(new Options(in, out, hidden, activation, true, Precision.FLOAT32, seed));
    }

    public SNMLP(int in, int out, List<Integer> hidden, long seed) {
        this(in, out, hidden, DEFAULT_ACTIVATION, seed);
    }
}
