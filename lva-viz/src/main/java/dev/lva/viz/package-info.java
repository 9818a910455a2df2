/**
 * Headless figures for lva runs, from plain Java arrays to PNG and SVG files.
 *
 * <p>Each chart kind is a class with static factories that validate their input and return a
 * {@link dev.lva.viz.Figure}: {@link dev.lva.viz.LinePlot} (loss curves),
 * {@link dev.lva.viz.ScatterPlot}, {@link dev.lva.viz.FunctionPlot} (1-D regression),
 * {@link dev.lva.viz.Scatter3D}, {@link dev.lva.viz.BarChart} (latent standard deviations),
 * {@link dev.lva.viz.HeatMap} (covariance), {@link dev.lva.viz.ParityPlot},
 * {@link dev.lva.viz.PairPlot}, {@link dev.lva.viz.ActivationGallery} and
 * {@link dev.lva.viz.ExplainedVariancePlot}. Single-panel charts take
 * {@link dev.lva.viz.PlotOptions}, grids of small panels take {@link dev.lva.viz.GridOptions}.
 * Bad input raises {@link dev.lva.viz.ChartException} naming the chart, argument and index.
 *
 * <p>Everything renders without a display (AWT is switched to headless mode before first use)
 * and deterministically: the same input gives the same PNG bytes. The HTML run report lives in
 * {@link dev.lva.viz.report}.
 */
package dev.lva.viz;
