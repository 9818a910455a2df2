/**
 * Automatic gradients for latent penalties: write the penalty as an expression of the code with
 * {@link dev.lva.api.autodiff.Tensor} operations and wrap it in
 * {@link dev.lva.api.autodiff.ExpressionRegularizer}; the gradient comes from a reverse-mode
 * {@link dev.lva.api.autodiff.Tape}.
 */
package dev.lva.api.autodiff;
