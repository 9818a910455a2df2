package dev.lva.core.nn;

import dev.lva.api.LvaException;

/** Name and shape of one parameter tensor ({@code weight} is out x in like PyTorch's Linear). */
public record ParamSpec(String name, int rows, int cols) {
    public ParamSpec {
        if (name == null || name.isBlank()) {
            throw new LvaException("parameter name must not be empty");
        }
        if (rows < 1 || cols < 1) {
            throw new LvaException("parameter " + name + " must have a positive shape, got " + rows + " x " + cols);
        }
    }

    /** Entries; a parameter beyond 2^31 - 1 of them fails here rather than wrap (models are refused before). */
    public int size() {
        return Math.multiplyExact(rows, cols);
    }

    public ParamSpec prefixed(String prefix) {
        return new ParamSpec(prefix + name, rows, cols);
    }
}
