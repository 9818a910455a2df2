package dev.lva.core.nn.activation;

import dev.lva.api.Messages;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.PluginSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fifteen activations of the course by name, with PyTorch's defaults:
 * {@code leaky-relu:slope=0.01}, {@code elu:alpha=1}, {@code softplus:beta=1,threshold=20},
 * {@code hardtanh:min=-1,max=1}, {@code prelu:init=0.25}, {@code celu:alpha=1}.
 */
public final class Activations {

    /** Every name {@link #create} knows, in the course's order. */
    public static final List<String> NAMES = List.of("identity", "relu", "sigmoid", "tanh", "leaky-relu", "elu",
            "gelu", "silu", "softplus", "softsign", "hardtanh", "prelu", "celu", "selu", "mish");

    private Activations() {
    }

    /** A new activation layer from a spec such as {@code leaky-relu:slope=0.2}. */
    public static Activation create(String spec) {
        PluginSpec s = PluginSpec.parse(spec);
        Map<String, String> o = new HashMap<>(s.options());
        String n = s.name();
        Activation a = switch (s.name()) {
            case "identity", "linear" -> new Identity();
            case "relu" -> new ReLU();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "leaky-relu", "leakyrelu" -> new LeakyReLU(number(o, n, "slope", 0.01));
            case "elu" -> new ELU(number(o, n, "alpha", 1));
            case "gelu" -> new GELU();
            case "silu", "swish" -> new SiLU();
            case "softplus" -> new Softplus(number(o, n, "beta", 1), number(o, n, "threshold", 20));
            case "softsign" -> new Softsign();
            case "hardtanh" -> new Hardtanh(number(o, n, "min", -1), number(o, n, "max", 1));
            case "prelu" -> new PReLU(number(o, n, "init", 0.25));
            case "celu" -> new CELU(number(o, n, "alpha", 1));
            case "selu" -> new SELU();
            case "mish" -> new Mish();
            default -> throw new OptionsException("unknown activation '" + s.name() + "'; known activations: "
                    + String.join(", ", NAMES));
        };
        if (!o.isEmpty()) {
            throw new OptionsException("activation " + n + " has no option '" + o.keySet().iterator().next() + "'");
        }
        return a;
    }

    /** Reads and removes a numeric option, so that leftovers can be reported as unknown. */
    private static double number(Map<String, String> options, String activation, String key, double fallback) {
        String v = options.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new OptionsException("option '" + key + "' of activation " + activation + " expects a number, got "
                    + Messages.quote(v));
        }
    }
}
