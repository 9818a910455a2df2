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

/** Layers applied one after another, as PyTorch's {@code nn.Sequential}; parameters are named {@code index.name}. */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new LvaException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public Sequential(Layer... layers) {
        this(Arrays.asList(layers));
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
    public int outputWidth(int inputWidth) {
        int w = inputWidth;
        for (Layer l : layers) {
            w = l.outputWidth(w);
        }
        return w;
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
