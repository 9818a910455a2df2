/**
 * The self-contained HTML page that summarises one run: {@link dev.lva.viz.report.RunReport}.
 */
package dev.lva.viz.report;
