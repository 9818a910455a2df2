/**
 * Headless figures for lva runs, from plain Java arrays to PNG and SVG files.
 *
 * <p>Each chart kind is a class with static factories that validate their input and return a
 * {@link dev.lva.viz.Figure}: {@link dev.lva.viz.LinePlot} (loss curves),
 * {@link dev.lva.viz.ScatterPlot}, {@link dev.lva.viz.FunctionPlot} (1-D regression),
 * {@link dev.lva.viz.Scatter3D}, {@link dev.lva.viz.BarChart}, {@link dev.lva.viz.StdSpectrum}
 * (sorted latent standard deviations with the kept/collapsed split), {@link dev.lva.viz.HeatMap}
 * (covariance), {@link dev.lva.viz.ParityPlot}, {@link dev.lva.viz.PairPlot},
 * {@link dev.lva.viz.ActivationGallery}, {@link dev.lva.viz.ExplainedVariancePlot} and
 * {@link dev.lva.viz.ImageGrid} (small images with gaps), and for sweeps
 * {@link dev.lva.viz.SpreadPlot}, {@link dev.lva.viz.TradeOffPlot} and
 * {@link dev.lva.viz.SpectrumGrid}. A line plot marks events on its x axis with
 * {@link dev.lva.viz.Marker}s (the step pruning starts at, the step a run was resumed from:
 * {@code LinePlot.of(options, curves, List.of(Marker.at(step, "resumed at step " + step)))}) and
 * thresholds on its y axis with {@link dev.lva.viz.Level}s. Single-panel charts take
 * {@link dev.lva.viz.PlotOptions}, grids of small panels take {@link dev.lva.viz.GridOptions}.
 * Bad input raises {@link dev.lva.viz.ChartException} naming the chart, argument and index.
 *
 * <p>A figure never costs a run: every chart draws whatever finite values of at most 1e300 in
 * magnitude it accepts (constant, tied, one row, spans of 1e-7 around 1e4: an axis far from zero
 * against its spread shows an offset, {@code z1 - 10000}), and refuses the rest with a
 * {@code ChartException}; the run report shows a figure that still fails as missing.
 *
 * <p>Legends stand outside the plot and labels of markers above it, so that neither hides data;
 * linear axes are labelled {@code 0.01}, not {@code .01}; an axis of counts gets whole-number ticks.
 *
 * <p>Everything renders without a display (AWT is switched to headless mode before first use)
 * and deterministically: the same input gives the same PNG bytes. The HTML run report lives in
 * {@link dev.lva.viz.report}.
 */
package dev.lva.viz;
