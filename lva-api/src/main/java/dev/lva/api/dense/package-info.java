/**
 * Fast array access for hand-written plugins: {@link dev.lva.api.dense.DenseMatrix} views of the
 * latent code and its gradient, {@link dev.lva.api.dense.DensePenalty} to write a latent penalty as a
 * loop over them, {@link dev.lva.api.dense.ColumnStatistics} (means and standard deviations with
 * their derivatives) and {@link dev.lva.api.dense.Cholesky}. A penalty written with these runs at the
 * speed of lva's built-ins without depending on lva-core.
 */
package dev.lva.api.dense;
