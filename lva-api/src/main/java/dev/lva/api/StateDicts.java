package dev.lva.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's state in one {@link StateDict}, as PyTorch's {@code state_dict}: the parameters under
 * their names ({@code encoder.0.weight}), each state's arrays and scalars under
 * {@code key.name} ({@code decoder.0.weight.parametrization.u}, {@code pruning.ema_started}) and each
 * state's version under {@code key._version}. Loading goes by the target model's own names, so the
 * same architecture built again reads it back whatever it holds; nothing is written until every name
 * and shape has been checked, and the first that differs is named.
 */
public final class StateDicts {
    /** Version of the flattened layout itself. */
    public static final int VERSION = 1;
    static final String VERSION_SUFFIX = "._version";

    private StateDicts() {
    }

    /** Copies of every parameter and state of {@code model}. */
    public static StateDict of(Model model) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, Double> scalars = new LinkedHashMap<>();
        String owner = owner(model);
        model.namedParameters().forEach((name, a) -> put(arrays, name, a.dup('c'), owner));
        model.states().forEach((key, s) -> {
            s.arrays().forEach((name, a) -> put(arrays, key + "." + name, a.dup('c'), owner));
            s.scalars().forEach((name, v) -> put(scalars, key + "." + name, v, owner));
            put(scalars, key + VERSION_SUFFIX, (double) s.version(), owner);
        });
        return new StateDict(VERSION, arrays, scalars);
    }

    private static <V> void put(Map<String, V> map, String name, V value, String owner) {
        if (map.put(name, value) != null) {
            throw new LvaException(owner + ": two entries of its state dict are named '" + name + "'");
        }
    }

    /** Checks {@code state} against {@code model}'s names and shapes, then loads it (see the class comment). */
    public static void load(Model model, StateDict state) {
        String owner = owner(model);
        state.requireVersion(VERSION, owner + " state dict");
        Map<String, INDArray> params = model.namedParameters();
        Map<String, StateDict> expected = model.states();
        Map<String, Boolean> used = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            requireArray(owner, "parameter", p.getKey(), p.getValue(), state);
            used.put(p.getKey(), true);
        }
        Map<String, StateDict> states = new LinkedHashMap<>();
        for (Map.Entry<String, StateDict> e : expected.entrySet()) {
            String key = e.getKey();
            StateDict want = e.getValue();
            Double version = state.scalars().get(key + VERSION_SUFFIX);
            if (version == null) {
                throw new LvaException(owner + ": the state dict has no state '" + key + "', which the model has");
            }
            if (version != want.version()) {
                throw new LvaException(owner + ": state '" + key + "' has version " + version.intValue()
                        + " in the state dict, this model reads version " + want.version());
            }
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> a : want.arrays().entrySet()) {
                String name = key + "." + a.getKey();
                requireArray(owner, "state array", name, a.getValue(), state);
                arrays.put(a.getKey(), state.arrays().get(name).dup('c'));
                used.put(name, true);
            }
            Map<String, Double> scalars = new LinkedHashMap<>();
            for (String s : want.scalars().keySet()) {
                String name = key + "." + s;
                Double v = state.scalars().get(name);
                if (v == null) {
                    throw new LvaException(owner + ": the state dict has no scalar '" + name + "', which the model has");
                }
                scalars.put(s, v);
                used.put(name, true);
            }
            used.put(key + VERSION_SUFFIX, true);
            states.put(key, new StateDict(want.version(), arrays, scalars));
        }
        for (String name : state.arrays().keySet()) {
            if (!used.containsKey(name)) {
                throw new LvaException(owner + ": '" + name + "' of the state dict is not in the model (it has "
                        + params.keySet() + (expected.isEmpty() ? "" : " and states " + expected.keySet()) + ")");
            }
        }
        for (String name : state.scalars().keySet()) {
            if (!used.containsKey(name)) {
                throw new LvaException(owner + ": scalar '" + name + "' of the state dict is not in the model");
            }
        }
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            INDArray from = state.arrays().get(p.getKey());
            p.getValue().assign(from.dataType() == p.getValue().dataType() ? from : from.castTo(p.getValue().dataType()));
        }
        if (!states.isEmpty()) {
            model.loadStates(states);
        }
    }

    private static void requireArray(String owner, String what, String name, INDArray want, StateDict state) {
        INDArray have = state.arrays().get(name);
        if (have == null) {
            throw new LvaException(owner + ": the state dict has no " + what + " '" + name + "', which the model has");
        }
        if (!Arrays.equals(have.shape(), want.shape())) {
            throw new LvaException(owner + ": " + what + " '" + name + "' has shape " + Arrays.toString(have.shape())
                    + " in the state dict, the model has " + Arrays.toString(want.shape()));
        }
    }

    private static String owner(Model model) {
        return model.getClass().getSimpleName();
    }
}
