package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Matrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All trainable parameters of a model in one flat array, and their gradients in another with the
 * same layout, as DL4J does: each layer sees views, an optimizer step is one pass over the whole
 * buffer, and a checkpoint is one array per named parameter.
 */
public final class ParameterBuffer {

    /** Where one named parameter lives in the flat buffer. */
    public record Entry(String name, long offset, int rows, int cols) {
        public int size() {
            return rows * cols;
        }
    }

    private final DataType dataType;
    private final INDArray values;
    private final INDArray gradients;
    private final Matrix valuesMatrix;
    private final Matrix gradientsMatrix;
    private final List<Entry> entries;

    private ParameterBuffer(DataType dataType, List<Entry> entries, long size) {
        this.dataType = dataType;
        this.entries = Collections.unmodifiableList(entries);
        // at least one element so that parameter-free models still have valid (empty-ish) views
        this.values = Nd4j.create(dataType, Math.max(1, size));
        this.gradients = Nd4j.create(dataType, Math.max(1, size));
        this.valuesMatrix = Matrix.wrap(values);
        this.gradientsMatrix = Matrix.wrap(gradients);
    }

    /**
     * Lays out the parameters of the given layers (names become prefixes: {@code decoder.2.weight}),
     * allocates both buffers and binds every layer to its views.
     */
    public static ParameterBuffer allocate(DataType dataType, Map<String, ? extends Layer> layers) {
        List<Entry> entries = new ArrayList<>();
        Map<String, List<ParamSpec>> specs = new LinkedHashMap<>();
        long offset = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Map.Entry<String, ? extends Layer> e : layers.entrySet()) {
            List<ParamSpec> layerSpecs = e.getValue().parameterSpecs();
            specs.put(e.getKey(), layerSpecs);
            for (ParamSpec s : layerSpecs) {
                String name = e.getKey() + "." + s.name();
                if (!names.add(name)) {
                    // the state dict keys parameters by name: the second would be neither saved nor loaded
                    throw new LvaException("two parameters are named " + name + " (" + e.getValue().describe()
                            + "); a layer's parameters need distinct names");
                }
                entries.add(new Entry(name, offset, s.rows(), s.cols()));
                // in long: one layer of 200,000 x 200,000 overflowed an int into a small, wrong count
                offset += (long) s.rows() * s.cols();
            }
        }
        Budget budget = BUDGET.get();
        if (budget != null) {
            budget.check(Collections.unmodifiableMap(layers), offset, dataType);
        }
        requireAllocatable(offset, dataType);
        ParameterBuffer buffer = new ParameterBuffer(dataType, entries, offset);
        int i = 0;
        for (Map.Entry<String, ? extends Layer> e : layers.entrySet()) {
            List<Matrix> v = new ArrayList<>();
            List<Matrix> g = new ArrayList<>();
            for (int k = 0; k < specs.get(e.getKey()).size(); k++, i++) {
                v.add(buffer.value(i));
                g.add(buffer.gradient(i));
            }
            e.getValue().bind(v, g);
        }
        return buffer;
    }

    /**
     * Refuses, before anything is allocated, a model that cannot be held: more than 2^31 entries,
     * more than a {@link #withLimit} in force allows, or values and gradients beyond what JavaCPP lets
     * this JVM allocate (it would fail minutes later, out of memory).
     */
    private static void requireAllocatable(long parameters, DataType dataType) {
        if (parameters > Integer.MAX_VALUE) {
            throw new LvaException("models above 2^31 parameters are not supported, got " + parameters);
        }
        Limit limit = LIMIT.get();
        if (limit != null && parameters > limit.maxParameters()) {
            throw new LvaException("the model would have " + parameters + " parameters; " + limit.reason());
        }
        long bytes = 2 * parameters * dataType.width();
        long max = Pointer.maxBytes();
        if (max > 0 && bytes > max) {
            throw new LvaException("the model would have " + parameters + " parameters; this JVM may allocate "
                    + (max >> 20) + " MB for arrays (it follows -Xmx; the lva launcher takes JVM options from"
                    + " LVA_JAVA_OPTS), too little for their values and gradients (" + (bytes >> 20) + " MB)");
        }
    }

    /**
     * A look at a model's layers and parameter count after they are laid out and before anything is
     * allocated: a front end that knows what else the model will need (a batch's activations from the
     * layers' shapes, the optimizer's state) refuses there a model that cannot fit, naming its options,
     * instead of allocating gigabytes first.
     */
    @FunctionalInterface
    public interface Budget {
        /**
         * @param layers     the model's parts by name, declared but not bound to any memory
         * @param parameters the parameters they hold in all
         * @param dataType   the parameters' type
         * @throws LvaException when the model cannot be held, saying why
         */
        void check(Map<String, ? extends Layer> layers, long parameters, DataType dataType);
    }

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

    /** Builds something, every parameter buffer allocated on this thread meanwhile first passed to {@code budget}. */
    public static <T> T withBudget(Budget budget, java.util.function.Supplier<T> build) {
        Budget previous = BUDGET.get();
        BUDGET.set(budget);
        try {
            return build.get();
        } finally {
            if (previous == null) {
                BUDGET.remove();
            } else {
                BUDGET.set(previous);
            }
        }
    }

    /** The most parameters a model built on this thread inside {@link #withLimit} may have, and why. */
    private record Limit(long maxParameters, String reason) {
    }

    private static final ThreadLocal<Limit> LIMIT = new ThreadLocal<>();

    /**
     * Builds something (a model from a checkpoint's options) refusing, before any allocation, a
     * parameter buffer larger than {@code maxParameters}: a hand-edited checkpoint that asks for a
     * model of billions of parameters is an error, not minutes of swapping and an out-of-memory.
     *
     * @param reason ends the error message ({@code the file holds 101})
     */
    public static <T> T withLimit(long maxParameters, String reason, java.util.function.Supplier<T> build) {
        Limit previous = LIMIT.get();
        LIMIT.set(new Limit(maxParameters, reason));
        try {
            return build.get();
        } finally {
            if (previous == null) {
                LIMIT.remove();
            } else {
                LIMIT.set(previous);
            }
        }
    }

    public DataType dataType() {
        return dataType;
    }

    /** The flat parameter vector; writing into it changes the model. */
    public INDArray values() {
        return values;
    }

    public INDArray gradients() {
        return gradients;
    }

    public Matrix valuesMatrix() {
        return valuesMatrix;
    }

    public Matrix gradientsMatrix() {
        return gradientsMatrix;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Number of trainable parameters. */
    public long size() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).offset() + entries.get(entries.size() - 1).size();
    }

    /** A view of parameter {@code i}'s values. */
    public Matrix value(int i) {
        Entry e = entries.get(i);
        return Matrix.view(values, e.offset(), e.rows(), e.cols());
    }

    public Matrix gradient(int i) {
        Entry e = entries.get(i);
        return Matrix.view(gradients, e.offset(), e.rows(), e.cols());
    }

    public void zeroGradients() {
        gradientsMatrix.fill(0);
    }
}
