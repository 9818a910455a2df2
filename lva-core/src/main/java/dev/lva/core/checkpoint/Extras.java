package dev.lva.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a front end keeps in a checkpoint beside the run itself: named arrays (a scaler's offsets
 * and scales) and strings (the data file, the column names). Names are letters, digits, '.', '_'
 * and '-'; arrays are FLOAT or DOUBLE.
 */
public record Extras(Map<String, INDArray> arrays, Map<String, String> strings) {
    public Extras {
        Objects.requireNonNull(arrays, "arrays");
        Objects.requireNonNull(strings, "strings");
        arrays.keySet().forEach(n -> Names.require(n, "extra array"));
        strings.keySet().forEach(n -> Names.require(n, "extra string"));
        strings.forEach((k, v) -> Objects.requireNonNull(v, "extra string " + k));
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        strings = Collections.unmodifiableMap(new LinkedHashMap<>(strings));
    }

    public static Extras empty() {
        return new Extras(Map.of(), Map.of());
    }

    /** A copy with one more array (replacing one of that name). */
    public Extras withArray(String name, INDArray array) {
        Map<String, INDArray> a = new LinkedHashMap<>(arrays);
        a.put(name, array);
        return new Extras(a, strings);
    }

    /** A copy with one more string (replacing one of that name). */
    public Extras withString(String name, String value) {
        Map<String, String> s = new LinkedHashMap<>(strings);
        s.put(name, value);
        return new Extras(arrays, s);
    }

    /** The named array, or an error naming the ones there are. */
    public INDArray array(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new CheckpointException("the checkpoint has no extra array '" + name + "' (it has "
                    + arrays.keySet() + ")");
        }
        return a;
    }

    /** The named string, or an error naming the ones there are. */
    public String string(String name) {
        String s = strings.get(name);
        if (s == null) {
            throw new CheckpointException("the checkpoint has no extra string '" + name + "' (it has "
                    + strings.keySet() + ")");
        }
        return s;
    }
}
