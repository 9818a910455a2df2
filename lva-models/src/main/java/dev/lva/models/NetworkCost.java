package dev.lva.models;

import dev.lva.core.nn.Conv2d;
import dev.lva.core.nn.ConvTranspose2d;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;

/**
 * What one sample costs a network, from its layers and shapes: the multiply-adds of a forward pass,
 * and the most numbers a layer holds for it at once (its output, or a convolution's lowered input,
 * kernel taps by output positions, which is what the CPU kernels arrange). A convolution costs far
 * more than its parameter count says, because every weight meets every output position; the
 * analysis that budgets decodes, and the batches that bound memory, need the real figures.
 */
final class NetworkCost {
    private NetworkCost() {
    }

    /** Multiply-adds of one sample of shape {@code input} through {@code layer}. */
    static long multiplyAdds(Layer layer, Shape input) {
        if (layer instanceof Sequential s) {
            long sum = 0;
            Shape at = declared(s, input);
            for (Layer l : s.layers()) {
                sum += multiplyAdds(l, at);
                at = l.outputShape(at);
            }
            return sum;
        }
        if (layer instanceof Linear l) {
            return (long) l.in() * l.out();
        }
        if (layer instanceof Conv2d c) {
            Shape out = c.outputShape(input);
            return (long) out.size() * c.inChannels() * c.spec().kernelArea();
        }
        if (layer instanceof ConvTranspose2d t) {
            // the adjoint of a convolution from the output to the input: every input value meets every tap
            return (long) input.size() * t.outChannels() * t.spec().kernelArea();
        }
        return 0;
    }

    /** The most numbers one sample of shape {@code input} occupies in any layer of {@code layer}. */
    static long widestRow(Layer layer, Shape input) {
        if (layer instanceof Sequential s) {
            long widest = input.size();
            Shape at = declared(s, input);
            for (Layer l : s.layers()) {
                widest = Math.max(widest, widestRow(l, at));
                at = l.outputShape(at);
            }
            return widest;
        }
        Shape out = layer.outputShape(input);
        long widest = Math.max(input.size(), out.size());
        if (layer instanceof Conv2d c) {
            widest = Math.max(widest, (long) out.size() / c.outChannels() * c.inChannels() * c.spec().kernelArea());
        } else if (layer instanceof ConvTranspose2d t) {
            widest = Math.max(widest, (long) input.size() / t.inChannels() * t.outChannels() * t.spec().kernelArea());
        }
        return widest;
    }

    /**
     * The numbers one training sample holds across {@code layer} at once: every layer's output (kept
     * for the backward pass) and a convolution's lowered input. An estimate for sizing batches and
     * parallel runs to memory, not an exact count of the buffers.
     */
    static long heldRow(Layer layer, Shape input) {
        if (layer instanceof Sequential s) {
            long sum = 0;
            Shape at = declared(s, input);
            for (Layer l : s.layers()) {
                sum += heldRow(l, at);
                at = l.outputShape(at);
            }
            return sum;
        }
        Shape out = layer.outputShape(input);
        long held = out.size();
        if (layer instanceof Conv2d c) {
            held += (long) out.size() / c.outChannels() * c.inChannels() * c.spec().kernelArea();
        } else if (layer instanceof ConvTranspose2d t) {
            held += (long) input.size() / t.inChannels() * t.outChannels() * t.spec().kernelArea();
        }
        return held;
    }

    /** A connected network's own input shape for rows of its size (images given as rows), else {@code input}. */
    static Shape declared(Sequential s, Shape input) {
        Shape own = s.inputShape();
        return own != null && input.isFlat() && own.size() == input.size() ? own : input;
    }
}
