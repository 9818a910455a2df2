package dev.lva.examples.bench;

/**
 * One workload's figures.
 *
 * @param msPerStepMedian   median over chunks of milliseconds per step
 * @param msPerStepMin      fastest chunk
 * @param msPerStepMax      slowest chunk
 * @param samplesPerSecond  rows processed per second over the whole timed run
 * @param allocatedBytesPerStep heap bytes the training thread allocated per step in steady state
 * @param recMse            reconstruction MSE in evaluation mode after training
 * @param stdsSorted        latent standard deviations, descending
 * @param dimsAbove1Percent latent dimensions with a std above 1% of the largest
 */
public record BenchResult(String workload, long steps, int rows, double seconds, double msPerStepMedian,
                          double msPerStepMin, double msPerStepMax, double samplesPerSecond,
                          double allocatedBytesPerStep, double recMse, double[] stdsSorted, int dimsAbove1Percent,
                          double[] chunkMsPerStep) {
}
