package dev.lva.run;

import dev.lva.core.data.MinMaxScaler;
import dev.lva.core.data.Scaler;
import dev.lva.core.data.StandardScaler;

/** How the command line scales each column before training. */
public enum Scaling {
    STANDARD, MINMAX, NONE;

    /** A fresh scaler, or null for none. */
    public Scaler newScaler() {
        return switch (this) {
            case STANDARD -> new StandardScaler();
            case MINMAX -> new MinMaxScaler();
            case NONE -> null;
        };
    }
}
