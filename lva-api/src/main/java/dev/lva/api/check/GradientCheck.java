package dev.lva.api.check;

/**
 * Outcome of a finite-difference gradient check: the worst entry and whether every entry passed
 * {@code |analytic - numeric| <= absTolerance + relTolerance * max(|analytic|, |numeric|)}.
 *
 * @param what       what was checked, for the message
 * @param checked    number of entries compared
 * @param failures   entries outside the tolerance
 * @param worstIndex linear (C-order) index of the entry with the largest error
 * @param analytic   analytic gradient at that entry
 * @param numeric    central-difference gradient at that entry
 * @param maxAbsError largest absolute difference
 * @param maxRelError largest relative difference
 */
public record GradientCheck(String what, int checked, int failures, long worstIndex, double analytic,
                            double numeric, double maxAbsError, double maxRelError) {

    public boolean passed() {
        return failures == 0 && checked > 0;
    }

    @Override
    public String toString() {
        return String.format("gradient check of %s: %s, %d of %d entries failed; worst at index %d: analytic %.10g vs numeric %.10g (abs err %.3g, rel err %.3g)",
                what, passed() ? "passed" : "FAILED", failures, checked, worstIndex, analytic, numeric, maxAbsError,
                maxRelError);
    }
}
