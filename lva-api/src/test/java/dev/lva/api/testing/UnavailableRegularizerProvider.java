package dev.lva.api.testing;

import dev.lva.api.Regularizer;
import dev.lva.api.plugin.RegularizerProvider;

/** Declines through isAvailable(), as a provider needing a GPU would on a CPU machine. */
public final class UnavailableRegularizerProvider implements RegularizerProvider<SquareRegularizerProvider.SquareOptions> {

    @Override
    public String name() {
        return "needs-gpu";
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public SquareRegularizerProvider.SquareOptions defaultOptions() {
        return new SquareRegularizerProvider().defaultOptions();
    }

    @Override
    public Regularizer create(SquareRegularizerProvider.SquareOptions options) {
        return new SquareRegularizer(options.lambda());
    }
}
