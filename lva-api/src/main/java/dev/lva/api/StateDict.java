package dev.lva.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Explicit, versioned state of a stateful component (a parametrization's power-iteration vectors,
 * an optimizer's moments), in the spirit of PyTorch's {@code state_dict}. Checkpoints store the
 * arrays by name and the scalars in their manifest; a component refuses a version it does not know.
 *
 * @param version format version of this component's state
 * @param arrays  named arrays (insertion order kept)
 * @param scalars named scalars such as a step counter
 */
public record StateDict(int version, Map<String, INDArray> arrays, Map<String, Double> scalars) {
    public StateDict {
        Objects.requireNonNull(arrays, "arrays");
        Objects.requireNonNull(scalars, "scalars");
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    /** The named array, or a clear error naming the component and the names it does have. */
    public INDArray array(String name, String owner) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new LvaException(owner + " state has no array '" + name + "' (it has " + arrays.keySet() + ")");
        }
        return a;
    }

    /** The named scalar, or a clear error naming the component. */
    public double scalar(String name, String owner) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new LvaException(owner + " state has no scalar '" + name + "' (it has " + scalars.keySet() + ")");
        }
        return v;
    }

    /** Fails unless this state has the expected version. */
    public StateDict requireVersion(int expected, String owner) {
        if (version != expected) {
            throw new LvaException(owner + " state has version " + version + ", this build reads version " + expected);
        }
        return this;
    }
}
