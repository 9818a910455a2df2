package dev.lva.core.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lva.api.LvaException;
import dev.lva.api.Model;
import dev.lva.api.StateDict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's {@link Model#stateDict() state dict} in a file of its own, for any model, one built in
 * code as well as a plugin's: {@code save(file, model)}, then {@code load(file, sameArchitectureBuiltAgain)}.
 * The file is a zip of {@code manifest.json} (format {@value #FORMAT}, the state dict's version and
 * scalars, and each array's entry, dtype and shape) and one {@code .npy} entry per array, written
 * and read with every guarantee and check of {@link CheckpointFile}.
 */
public final class StateDictFile {
    static final String FORMAT = "lva-state-dict";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateDictFile() {
    }

    /** Writes {@code model.stateDict()} to {@code file}, atomically. */
    public static void save(Path file, Model model) {
        write(file, model.stateDict());
    }

    /**
     * Reads {@code file} into {@code model}, which must be the architecture that wrote it; a missing,
     * unexpected or differently shaped entry fails naming the file and the first such entry, and
     * leaves the model as it was.
     */
    public static void load(Path file, Model model) {
        StateDict state = read(file);
        try {
            model.loadStateDict(state);
        } catch (LvaException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a state dict to {@code file}, atomically. */
    public static void write(Path file, StateDict state) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("lvaVersion", CheckpointFile.lvaVersion());
        root.put("version", state.version());
        ObjectNode scalars = root.putObject("scalars");
        state.scalars().forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                throw new CheckpointException("cannot write " + file + ": scalar '" + k + "' is " + v);
            }
            scalars.put(k, v);
        });
        ObjectNode arrays = root.putObject("arrays");
        Map<String, INDArray> entries = new LinkedHashMap<>();
        state.arrays().forEach((name, a) -> {
            Names.require(name, "state dict array");
            DataType t = a.dataType();
            if (t != DataType.FLOAT && t != DataType.DOUBLE) {
                throw new CheckpointException("cannot write " + file + ": array '" + name + "' is " + t
                        + "; only FLOAT and DOUBLE are stored");
            }
            String entry = "arrays/" + name + ".npy";
            entries.put(entry, a);
            ObjectNode o = arrays.putObject(name);
            o.put("entry", entry);
            o.put("dtype", t == DataType.FLOAT ? "float32" : "float64");
            ArrayNode shape = o.putArray("shape");
            for (long d : a.shape()) {
                shape.add(d);
            }
        });
        byte[] manifest;
        try {
            manifest = JSON.writeValueAsBytes(root);
        } catch (JacksonException e) {
            throw new CheckpointException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
        CheckpointFile.writeZip(file, manifest, entries);
    }

    /** Reads a state dict with {@link CheckpointFile.Limits#defaults()}. */
    public static StateDict read(Path file) {
        return CheckpointFile.readZip(file, CheckpointFile.Limits.defaults(), (root, loader, where) -> {
            JsonNode format = root.get("format");
            if (format == null || !FORMAT.equals(format.asText())) {
                throw new CheckpointException(where + ": not an lva state dict (manifest.json has format "
                        + (format == null ? "missing" : format.toString()) + ", expected \"" + FORMAT + "\")");
            }
            JsonNode fv = root.get("formatVersion");
            if (fv == null || !fv.isIntegralNumber() || fv.asInt() < 1 || fv.asInt() > FORMAT_VERSION) {
                throw new CheckpointException(where + ": state dict format version " + fv + " is not one this build"
                        + " reads (" + FORMAT_VERSION + ")");
            }
            // the same field checks as a checkpoint's state: version, scalars, arrays with entry, dtype, shape
            Manifest.StateSpec spec = Manifest.readState(root, where);
            return CheckpointFile.readState(loader, spec);
        });
    }
}
