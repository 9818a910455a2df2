package dev.lva.models;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point precision of a model's parameters and computations. */
public enum Precision {
    FLOAT32(DataType.FLOAT), FLOAT64(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }
}
