/** Sweeps of {@code lva fit} on Apache Spark: one Spark task per grid point. */
package dev.lva.sweep;
