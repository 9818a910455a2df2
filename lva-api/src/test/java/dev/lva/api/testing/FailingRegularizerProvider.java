package dev.lva.api.testing;

import dev.lva.api.Regularizer;
import dev.lva.api.plugin.RegularizerProvider;

/** Throws while being constructed, as a plugin with a missing dependency would. */
public final class FailingRegularizerProvider implements RegularizerProvider<SquareRegularizerProvider.SquareOptions> {

    public FailingRegularizerProvider() {
        throw new IllegalStateException("boom: native library not found");
    }

    @Override
    public String name() {
        return "failing";
    }

    @Override
    public SquareRegularizerProvider.SquareOptions defaultOptions() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Regularizer create(SquareRegularizerProvider.SquareOptions options) {
        throw new UnsupportedOperationException();
    }
}
