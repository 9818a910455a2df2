package dev.lva.core.data;

import dev.lva.api.LvaException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared part of the standard and min-max scalers: the affine map and its checks. */
abstract class AffineScaler implements Scaler {
    private static final Logger LOG = LoggerFactory.getLogger(AffineScaler.class);
    private INDArray offset;
    private INDArray scale;
    private int[] constant = new int[0];

    /** Offset and (raw, possibly zero) scale per column. */
    abstract INDArray[] offsetAndSpread(INDArray x);

    @Override
    public Scaler fit(INDArray x) {
        requireMatrix(x, "fit");
        if (x.rows() < 1) {
            throw new LvaException(getClass().getSimpleName() + ": cannot fit on an empty array");
        }
        INDArray[] os = offsetAndSpread(x);
        offset = os[0].reshape(1, x.columns());
        scale = os[1].reshape(1, x.columns()).dup();
        constant = IntStream.range(0, (int) x.columns()).filter(j -> scale.getDouble(j) == 0).toArray();
        for (int j : constant) {
            // as scikit-learn does: a constant column maps to 0 instead of 0/0
            scale.putScalar(j, 1.0);
        }
        if (constant.length > 0) {
            // debug only: reading the data already warned about constant columns
            LOG.debug("{}: columns {} are constant; they scale to 0", getClass().getSimpleName(),
                    Arrays.toString(constant));
        }
        return this;
    }

    /** Takes fitted values as they are (a restored scaler); scales must be finite and non-zero. */
    void restore(INDArray fittedOffset, INDArray fittedScale) {
        if (fittedOffset.length() != fittedScale.length() || fittedOffset.length() == 0) {
            throw new LvaException("scaler: " + fittedOffset.length() + " offsets but " + fittedScale.length()
                    + " scales");
        }
        for (long j = 0; j < fittedScale.length(); j++) {
            double s = fittedScale.getDouble(j);
            if (!Double.isFinite(s) || s == 0 || !Double.isFinite(fittedOffset.getDouble(j))) {
                throw new LvaException("scaler: column " + j + " has offset " + fittedOffset.getDouble(j)
                        + " and scale " + s + "; scales must be finite and non-zero");
            }
        }
        offset = fittedOffset.reshape(1, fittedOffset.length()).dup();
        scale = fittedScale.reshape(1, fittedScale.length()).dup();
    }

    @Override
    public INDArray transform(INDArray x) {
        requireFitted(x);
        return x.subRowVector(offset.castTo(x.dataType())).diviRowVector(scale.castTo(x.dataType()));
    }

    @Override
    public INDArray inverseTransform(INDArray x) {
        requireFitted(x);
        return x.mulRowVector(scale.castTo(x.dataType())).addiRowVector(offset.castTo(x.dataType()));
    }

    @Override
    public INDArray offset() {
        requireFitted(null);
        return offset.dup();
    }

    @Override
    public INDArray scale() {
        requireFitted(null);
        return scale.dup();
    }

    @Override
    public int[] constantColumns() {
        return constant.clone();
    }

    private void requireFitted(INDArray x) {
        if (offset == null) {
            throw new LvaException(getClass().getSimpleName() + " is not fitted; call fit first");
        }
        if (x != null) {
            requireMatrix(x, "transform");
            if (x.columns() != offset.columns()) {
                throw new LvaException(getClass().getSimpleName() + " was fitted on " + offset.columns()
                        + " columns, got " + x.columns());
            }
        }
    }

    private void requireMatrix(INDArray x, String what) {
        if (x.rank() != 2) {
            throw new LvaException(getClass().getSimpleName() + "." + what + ": expected a matrix, got shape "
                    + Arrays.toString(x.shape()));
        }
    }
}
