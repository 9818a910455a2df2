package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Layers applied one after another, as PyTorch's {@code nn.Sequential}; parameters are named
 * {@code index.name}. Built with an input shape ({@link #of(Shape, Layer...)}), it connects every layer
 * to the shape its predecessor produces and fails at once, naming the layer and both shapes, when
 * one does not fit; built without one (an MLP), shapes are checked when {@link #outputShape} or
 * {@link #connect} is first asked.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;
    /** The shapes between the layers (input first), once connected; null before. */
    private List<Shape> shapes;

    public Sequential(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new LvaException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public Sequential(Layer... layers) {
        this(Arrays.asList(layers));
    }

    /** Layers connected to samples of shape {@code input}: shapes are inferred and checked now. */
    public static Sequential of(Shape input, List<? extends Layer> layers) {
        Sequential s = new Sequential(layers);
        s.connect(input);
        return s;
    }

    public static Sequential of(Shape input, Layer... layers) {
        return of(input, Arrays.asList(layers));
    }

    /** The input shape this network is connected to, or null when it is not (yet). */
    public Shape inputShape() {
        return shapes == null ? null : shapes.get(0);
    }

    /** The shape after layer {@code index} (its output), once connected. */
    public Shape shapeAfter(int index) {
        if (shapes == null) {
            throw new LvaException(describe() + " is not connected to an input shape");
        }
        return shapes.get(index + 1);
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer get(int index) {
        return layers.get(index);
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Shape outputShape(Shape input) {
        if (shapes != null && accepts(input)) {
            return shapes.get(shapes.size() - 1);
        }
        Shape s = input;
        for (int i = 0; i < layers.size(); i++) {
            s = step(i, s, false);
        }
        return s;
    }

    /**
     * Connects every layer in turn. Once connected, the network also accepts its input as plain
     * features of the same size ({@code N x 1024} for {@code N x 1 x 32 x 32}): both are the same rows.
     */
    @Override
    public Shape connect(Shape input) {
        if (shapes != null && accepts(input)) {
            return shapes.get(shapes.size() - 1);
        }
        List<Shape> chain = new ArrayList<>();
        chain.add(input);
        Shape s = input;
        for (int i = 0; i < layers.size(); i++) {
            s = step(i, s, true);
            chain.add(s);
        }
        shapes = List.copyOf(chain);
        return s;
    }

    private boolean accepts(Shape input) {
        Shape declared = shapes.get(0);
        return input.equals(declared) || (input.isFlat() && input.size() == declared.size());
    }

    private Shape step(int i, Shape in, boolean connect) {
        Layer l = layers.get(i);
        try {
            return connect ? l.connect(in) : l.outputShape(in);
        } catch (LvaException e) {
            throw new LvaException("layer " + i + " of " + layers.size() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (ParamSpec s : layers.get(i).parameterSpecs()) {
                specs.add(s.prefixed(i + "."));
            }
        }
        return specs;
    }

    @Override
    public void bind(List<Matrix> values, List<Matrix> gradients) {
        int k = 0;
        for (int i = 0; i < layers.size(); i++) {
            int n = layers.get(i).parameterSpecs().size();
            layers.get(i).bind(values.subList(k, k + n), gradients.subList(k, k + n));
            k += n;
        }
    }

    @Override
    public void initialize(TorchGenerator rng) {
        for (Layer l : layers) {
            l.initialize(rng);
        }
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        Matrix x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x, training);
        }
        return x;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        Matrix g = outputGradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0 || needInputGradient);
        }
        return g;
    }

    @Override
    public Map<String, StateDict> states() {
        Map<String, StateDict> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, StateDict> e : layers.get(i).states().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    public void loadStates(Map<String, StateDict> states) {
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            Map<String, StateDict> own = new LinkedHashMap<>();
            for (Map.Entry<String, StateDict> e : states.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    own.put(e.getKey().substring(prefix.length()), e.getValue());
                }
            }
            layers.get(i).loadStates(own);
        }
    }

    @Override
    public String describe() {
        return layers.stream().map(Layer::describe).collect(Collectors.joining(", ", "Sequential(", ")"));
    }
}
