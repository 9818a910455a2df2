package dev.lva.api;

/**
 * Decides which latent dimensions of a least-volume autoencoder to prune, from the standard
 * deviations of the dimensions still active. Pruned dimensions are frozen to their mean; they do
 * not come back.
 */
public interface PruningPolicy {

    /**
     * @param stds standard deviation of each active dimension over the data (any order, all >= 0)
     * @return for each entry of {@code stds}, whether to prune it now; never all of them
     */
    boolean[] prune(double[] stds);
}
