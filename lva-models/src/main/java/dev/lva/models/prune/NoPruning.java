package dev.lva.models.prune;

import dev.lva.api.PruningPolicy;

/** Keeps every dimension. */
public final class NoPruning implements PruningPolicy {
    @Override
    public boolean[] prune(double[] stds) {
        return new boolean[stds.length];
    }
}
