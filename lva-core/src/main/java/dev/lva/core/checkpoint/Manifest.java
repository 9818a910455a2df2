package dev.lva.core.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.train.Progress;
import dev.lva.core.train.Trainers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code manifest.json} of a checkpoint: everything but the arrays, and for each array its zip
 * entry, dtype and shape, so that a reader knows every entry's size before it inflates any. Reading
 * checks every field's presence and type and names the one that is wrong.
 */
final class Manifest {
    static final String FORMAT = "lva-checkpoint";
    /**
     * 2: the trainer by plugin name with its own state ({@code trainer.state}), only the step under
     * {@code progress}, and {@code provenance}. Version 1 (the gradient trainer's progress under
     * {@code progress}, no provenance) is still read.
     */
    static final int VERSION = 2;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One array of the checkpoint: where it is and what it must be. */
    record ArraySpec(String entry, DataType dataType, long[] shape) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        long dataBytes() {
            return elements() * (dataType == DataType.FLOAT ? 4 : 8);
        }
    }

    /** A manifest as read: the snapshot's fields, with the arrays still to be read from their entries. */
    record Parsed(TrainingSetup setup, long step, StateSpec trainerState, Map<String, ArraySpec> parameters,
                  Map<String, StateSpec> states, StateSpec optimizerState, Map<String, ArraySpec> extraArrays,
                  Map<String, String> extraStrings, List<PluginVersion> plugins, String lvaVersion,
                  Provenance provenance) {
    }

    /** A {@link StateDict} as read: version, scalars, and the arrays to be read. */
    record StateSpec(int version, Map<String, Double> scalars, Map<String, ArraySpec> arrays) {
    }

    private Manifest() {
    }

    // ---------------------------------------------------------------- writing

    static String parameterEntry(String name) {
        return "params/" + name + ".npy";
    }

    static String stateEntry(String key, String name) {
        return "state/" + key + "/" + name + ".npy";
    }

    static String optimizerEntry(String name) {
        return "optimizer/" + name + ".npy";
    }

    static String trainerEntry(String name) {
        return "trainer/" + name + ".npy";
    }

    static String extraEntry(String name) {
        return "extra/" + name + ".npy";
    }

    /** The manifest of {@code s}; {@code entries} receives every array under its entry name, in order. */
    static ObjectNode write(TrainingSnapshot s, String lvaVersion, Map<String, INDArray> entries) {
        ObjectNode root = JSON.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", VERSION);
        root.put("lvaVersion", lvaVersion);
        root.put("created", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        root.put("seed", s.setup().seed());
        root.set("model", plugin(s.setup().model()));
        ObjectNode optimizer = plugin(s.setup().optimizer());
        optimizer.set("state", state(s.optimizerState(), Manifest::optimizerEntry, entries));
        root.set("optimizer", optimizer);
        ObjectNode trainer = plugin(s.setup().trainerPlugin());
        trainer.set("state", state(s.trainerState(), Manifest::trainerEntry, entries));
        root.set("trainer", trainer);
        root.putObject("progress").put("step", s.step());
        Provenance pv = s.provenance();
        if (pv != null) {
            ObjectNode o = root.putObject("provenance");
            o.put("lvaVersion", pv.lvaVersion());
            o.put("jdk", pv.jdk());
            o.put("os", pv.os());
            o.put("arch", pv.arch());
            o.put("kernels", pv.kernels());
            o.put("threads", pv.threads());
            o.put("data", pv.data());
        }
        ObjectNode params = root.putObject("parameters");
        s.parameters().forEach((name, a) -> params.set(name, array(parameterEntry(name), a, entries)));
        ObjectNode states = root.putObject("states");
        s.states().forEach((key, st) -> states.set(key, state(st, n -> stateEntry(key, n), entries)));
        ObjectNode extras = root.putObject("extras");
        extras.set("strings", strings(s.extras().strings()));
        ObjectNode extraArrays = extras.putObject("arrays");
        s.extras().arrays().forEach((name, a) -> extraArrays.set(name, array(extraEntry(name), a, entries)));
        ArrayNode plugins = root.putArray("plugins");
        for (PluginVersion v : s.plugins()) {
            ObjectNode o = plugins.addObject();
            o.put("kind", v.kind());
            o.put("name", v.name());
            o.put("provider", v.provider());
            o.put("version", v.version());
        }
        return root;
    }

    private static ObjectNode plugin(PluginSpec spec) {
        ObjectNode o = JSON.objectNode();
        o.put("name", spec.name());
        o.set("options", strings(spec.options()));
        return o;
    }

    private static ObjectNode strings(Map<String, String> map) {
        ObjectNode o = JSON.objectNode();
        map.forEach(o::put);
        return o;
    }

    private static ObjectNode state(StateDict st, java.util.function.UnaryOperator<String> entryName,
                                    Map<String, INDArray> entries) {
        ObjectNode o = JSON.objectNode();
        o.put("version", st.version());
        ObjectNode scalars = o.putObject("scalars");
        st.scalars().forEach((k, v) -> putDouble(scalars, k, v));
        ObjectNode arrays = o.putObject("arrays");
        st.arrays().forEach((name, a) -> arrays.set(name, array(entryName.apply(name), a, entries)));
        return o;
    }

    private static ObjectNode array(String entry, INDArray a, Map<String, INDArray> entries) {
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            throw new CheckpointException("checkpoint array " + entry + " is " + t
                    + "; only FLOAT and DOUBLE are stored");
        }
        if (entries.put(entry, a) != null) {
            throw new CheckpointException("two checkpoint arrays map to the entry " + entry);
        }
        ObjectNode o = JSON.objectNode();
        o.put("entry", entry);
        o.put("dtype", t == DataType.FLOAT ? "float32" : "float64");
        ArrayNode shape = o.putArray("shape");
        for (long d : a.shape()) {
            shape.add(d);
        }
        return o;
    }

    /** Non-finite doubles as the strings Python's float() reads; JSON has no literal for them. */
    private static void putDouble(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.put(key, Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
        }
    }

    // ---------------------------------------------------------------- reading

    /** Reads and checks a manifest; {@code where} names the file in messages. */
    static Parsed read(JsonNode root, String where) {
        Reader r = new Reader(where);
        if (!root.isObject()) {
            throw r.error("manifest.json is not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !format.asText().equals(FORMAT)) {
            throw new CheckpointException(where + ": not an lva checkpoint (manifest.json has format "
                    + (format == null ? "missing" : format.toString()) + ", expected \"" + FORMAT + "\")");
        }
        long version = r.integer(root, "formatVersion");
        if (version > VERSION) {
            throw new CheckpointException(where + ": checkpoint format version " + version
                    + " was written by a newer lva; this build reads version " + VERSION);
        }
        if (version < 1) {
            throw new CheckpointException(where + ": checkpoint format version " + version + " is not valid");
        }
        String lvaVersion = r.text(root, "lvaVersion");
        long seed = r.integer(root, "seed");
        PluginSpec model = r.plugin(root, "model");
        JsonNode opt = r.object(root, "optimizer");
        PluginSpec optimizer = r.plugin(root, "optimizer");
        StateSpec optimizerState = r.state(r.object(opt, "state", "optimizer"), "optimizer.state");
        JsonNode trainerNode = r.object(root, "trainer");
        PluginSpec trainer = r.plugin(root, "trainer");
        JsonNode p = r.object(root, "progress");
        long step;
        StateSpec trainerState;
        Provenance provenance = null;
        if (version == 1) {
            // version 1 knew only the gradient trainer, whose progress it kept in full here
            try {
                Options.bind(new Trainers.Gradient().defaultOptions(), trainer.options(), "trainer");
            } catch (LvaException e) {
                throw r.error("trainer.options: " + e.getMessage());
            }
            Progress progress = new Progress(r.integer(p, "step", "progress"), r.int32(p, "epoch", "progress"),
                    r.int32(p, "batchInEpoch", "progress"), r.integer(p, "epochRngState", "progress"),
                    r.number(p, "epochLossSum", "progress"));
            if (progress.step() < 0 || progress.epoch() < 0 || progress.batchInEpoch() < 0) {
                throw r.error("progress has a negative step, epoch or batch: " + p);
            }
            step = progress.step();
            StateDict st = progress.toState();
            trainerState = new StateSpec(st.version(), st.scalars(), Map.of());
        } else {
            step = r.integer(p, "step", "progress");
            if (step < 0) {
                throw r.error("progress has a negative step: " + p);
            }
            trainerState = r.state(r.object(trainerNode, "state", "trainer"), "trainer.state");
            JsonNode pv = root.get("provenance");
            if (pv != null && !pv.isNull()) {
                if (!pv.isObject()) {
                    throw r.error("'provenance' must be an object");
                }
                provenance = new Provenance(r.text(pv, "lvaVersion", "provenance"), r.text(pv, "jdk", "provenance"),
                        r.text(pv, "os", "provenance"), r.text(pv, "arch", "provenance"),
                        r.text(pv, "kernels", "provenance"), r.text(pv, "threads", "provenance"),
                        r.text(pv, "data", "provenance"));
            }
        }
        Map<String, ArraySpec> parameters = r.arrays(r.object(root, "parameters"), "parameters");
        Map<String, StateSpec> states = new LinkedHashMap<>();
        JsonNode statesNode = r.object(root, "states");
        for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw r.error("states." + e.getKey() + " is not an object");
            }
            states.put(r.name(e.getKey(), "state"), r.state(e.getValue(), "states." + e.getKey()));
        }
        JsonNode extras = r.object(root, "extras");
        Map<String, String> extraStrings = r.strings(r.object(extras, "strings", "extras"), "extras.strings");
        Map<String, ArraySpec> extraArrays = r.arrays(r.object(extras, "arrays", "extras"), "extras.arrays");
        List<PluginVersion> plugins = new ArrayList<>();
        JsonNode list = root.get("plugins");
        if (list == null || !list.isArray()) {
            throw r.error("'plugins' is missing or not a list");
        }
        for (JsonNode v : list) {
            plugins.add(new PluginVersion(r.text(v, "kind", "plugins[]"), r.text(v, "name", "plugins[]"),
                    r.text(v, "provider", "plugins[]"), r.text(v, "version", "plugins[]")));
        }
        return new Parsed(new TrainingSetup(model, optimizer, trainer, seed), step, trainerState, parameters, states,
                optimizerState, extraArrays, extraStrings, plugins, lvaVersion, provenance);
    }

    /** A state ({@code version}, {@code scalars}, {@code arrays}) at the top of {@code node}, checked field by field. */
    static StateSpec readState(JsonNode node, String where) {
        Reader r = new Reader(where);
        if (!node.isObject()) {
            throw r.error("manifest.json is not a JSON object");
        }
        return r.state(node, "state dict");
    }

    /** Field access with messages that name the file and the field. */
    private static final class Reader {
        private final String where;

        Reader(String where) {
            this.where = where;
        }

        CheckpointException error(String what) {
            return new CheckpointException(where + ": manifest.json: " + what);
        }

        private JsonNode field(JsonNode node, String key, String parent) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw error("'" + path(parent, key) + "' is missing");
            }
            return v;
        }

        private static String path(String parent, String key) {
            return parent == null ? key : parent + "." + key;
        }

        JsonNode object(JsonNode node, String key) {
            return object(node, key, null);
        }

        JsonNode object(JsonNode node, String key, String parent) {
            JsonNode v = field(node, key, parent);
            if (!v.isObject()) {
                throw error("'" + path(parent, key) + "' must be an object");
            }
            return v;
        }

        String text(JsonNode node, String key) {
            return text(node, key, null);
        }

        String text(JsonNode node, String key, String parent) {
            JsonNode v = field(node, key, parent);
            if (!v.isTextual()) {
                throw error("'" + path(parent, key) + "' must be a string");
            }
            return v.asText();
        }

        long integer(JsonNode node, String key) {
            return integer(node, key, null);
        }

        long integer(JsonNode node, String key, String parent) {
            JsonNode v = field(node, key, parent);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw error("'" + path(parent, key) + "' must be an integer, got " + v);
            }
            return v.asLong();
        }

        int int32(JsonNode node, String key, String parent) {
            long v = integer(node, key, parent);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw error("'" + path(parent, key) + "' is out of range: " + v);
            }
            return (int) v;
        }

        double number(JsonNode node, String key, String parent) {
            JsonNode v = field(node, key, parent);
            if (v.isNumber()) {
                return v.asDouble();
            }
            if (v.isTextual()) {
                switch (v.asText()) {
                    case "nan":
                        return Double.NaN;
                    case "inf":
                        return Double.POSITIVE_INFINITY;
                    case "-inf":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
            throw error("'" + path(parent, key) + "' must be a number, got " + v);
        }

        Map<String, String> strings(JsonNode node, String what) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw error("'" + what + "." + e.getKey() + "' must be a string");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }

        String name(String name, String what) {
            try {
                return Names.require(name, what);
            } catch (RuntimeException e) {
                throw error(e.getMessage());
            }
        }

        PluginSpec plugin(JsonNode root, String key) {
            JsonNode o = object(root, key);
            String name = text(o, "name", key);
            try {
                return new PluginSpec(name, strings(object(o, "options", key), key + ".options"));
            } catch (IllegalArgumentException e) {
                throw error(key + ": " + e.getMessage());
            }
        }

        StateSpec state(JsonNode node, String what) {
            long version = integer(node, "version", what);
            if (version < 0 || version > Integer.MAX_VALUE) {
                throw error("'" + what + ".version' is out of range: " + version);
            }
            Map<String, Double> scalars = new LinkedHashMap<>();
            JsonNode s = object(node, "scalars", what);
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                scalars.put(k, number(s, k, what + ".scalars"));
            }
            return new StateSpec((int) version, scalars, arrays(object(node, "arrays", what), what + ".arrays"));
        }

        Map<String, ArraySpec> arrays(JsonNode node, String what) {
            Map<String, ArraySpec> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = what + "." + e.getKey();
                if (!e.getValue().isObject()) {
                    throw error("'" + key + "' must be an object");
                }
                out.put(name(e.getKey(), what), arraySpec(e.getValue(), key));
            }
            return out;
        }

        private ArraySpec arraySpec(JsonNode node, String what) {
            String entry = text(node, "entry", what);
            String dtype = text(node, "dtype", what);
            DataType type = switch (dtype) {
                case "float32" -> DataType.FLOAT;
                case "float64" -> DataType.DOUBLE;
                default -> throw error("'" + what + ".dtype' is '" + dtype + "'; expected float32 or float64");
            };
            JsonNode shapeNode = field(node, "shape", what);
            if (!shapeNode.isArray() || shapeNode.size() > 32) {
                throw error("'" + what + ".shape' must be a list of at most 32 sizes");
            }
            long[] shape = new long[shapeNode.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                    throw error("'" + what + ".shape' must hold non-negative integers, got " + shapeNode);
                }
                shape[i] = d.asLong();
                elements = shape[i] == 0 || elements == 0 ? 0
                        : elements > dev.lva.core.io.Npy.MAX_ELEMENTS / shape[i] ? -1 : elements * shape[i];
                if (elements < 0) {
                    throw error("'" + what + ".shape' " + shapeNode + " is too large");
                }
            }
            return new ArraySpec(entry, type, shape);
        }
    }
}
