package dev.lva.examples.course;

import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.FeedForward;
import dev.lva.models.MLP;
import dev.lva.models.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lva mlp}: the course's deep ReLU network 1 -> [7] x 4 -> 1 on the noisy cosine, as
 * {@code reference/torch/mlp.py}, built the course's three ways: the {@link MLP} class, a
 * {@link Sequential} written out layer by layer, and a list of layers built in a loop and expanded
 * into a Sequential (PyTorch's {@code nn.Sequential(*layers)}). For one seed the three draw the same
 * 190 initial parameters; the list-built one is trained with Adam (lr 0.05, full batch), with
 * optional weight decay coupled into the gradient as PyTorch's {@code Adam(weight_decay=...)}.
 *
 * <p>Expect, with seed 0: the losses mlp.py prints for hundreds of epochs (0.5835 at epoch 10,
 * 0.06456 at 100, 0.0640 at 500); after that, Adam at lr 0.05 keeps the ReLU net hopping between
 * nearby plateaus and float rounding decides which: after 5000 epochs train MSE 0.0666 and test MSE
 * 0.0500 here (0.0645 and 0.0521 with an earlier build of the engine) against mlp.py's 0.0668 and
 * 0.0712. About 2 s. Writes {@code mlp.png} (fit) and
 * {@code mlp-loss.png}.
 */
@Command(name = "mlp", mixinStandardHelpOptions = true,
        description = "Course section: an MLP three ways (class, Sequential, list), trained with Adam.")
public final class MlpLauncher extends CourseLauncher {
    static final int WIDTH = 7;
    static final int HIDDEN_LAYERS = 4;

    @Option(names = {"--epochs", "--steps"}, defaultValue = "5000",
            description = "Full-batch Adam steps (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.05", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "WD",
            description = "Weight decay added to the gradient, as PyTorch's Adam (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation, any of lva activations (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected void run(PrintWriter out, Path dir) {
        Toy1d data = Toy1d.load();
        Map<String, FeedForward> ways = new LinkedHashMap<>();
        ways.put("MLP class", new MLP(new MLP.Options(1, 1, Collections.nCopies(HIDDEN_LAYERS, WIDTH), activation,
                false, Precision.FLOAT32, seed)));
        ways.put("Sequential written out", new FeedForward(writtenOut(), 1, seed));
        ways.put("list expanded into a Sequential", new FeedForward(new Sequential(layerList()), 1, seed));
        out.printf(Locale.ROOT, "the same network 1 -> [%d] x %d -> 1 (%s), three ways:%n", WIDTH, HIDDEN_LAYERS,
                activation);
        FeedForward first = ways.values().iterator().next();
        boolean sameStart = true;
        for (Map.Entry<String, FeedForward> e : ways.entrySet()) {
            FeedForward m = e.getValue();
            out.printf(Locale.ROOT, "  %-32s %d parameters  %s%n", e.getKey(), m.parameters().length(),
                    m.network().describe());
            sameStart &= m.parameters().equals(first.parameters());
        }
        out.println("same initial parameters for seed " + seed + ": " + (sameStart ? "yes" : "no"));

        FeedForward model = ways.get("list expanded into a Sequential");
        out.printf(Locale.ROOT, "training the list-built network: Adam lr %s, weight decay %s, %d epochs%n", lr,
                weightDecay, epochs);
        CourseTraining.Outcome fit = CourseTraining.fit(model, new Adam(lr, 0.9, 0.999, 1e-8, weightDecay, false),
                data.training(), TrainerOptions.fullBatch(epochs), out);
        data.printErrors(model, out);
        save(out, dir, "mlp.png", data.plot("MLP fit", model));
        save(out, dir, "mlp-loss.png", fit.lossCurve("MLP: training loss"));
    }

    /** The second way: every layer spelled out, as {@code nn.Sequential(nn.Linear(1, 7), nn.ReLU(), ...)}. */
    private Sequential writtenOut() {
        return new Sequential(
                new Linear(1, WIDTH), Activations.create(activation),
                new Linear(WIDTH, WIDTH), Activations.create(activation),
                new Linear(WIDTH, WIDTH), Activations.create(activation),
                new Linear(WIDTH, WIDTH), Activations.create(activation),
                new Linear(WIDTH, 1));
    }

    /** The third way: a list grown in a loop, as the course's {@code layers += [...]}. */
    private List<Layer> layerList() {
        List<Layer> layers = new ArrayList<>(List.of(new Linear(1, WIDTH), Activations.create(activation)));
        for (int i = 1; i < HIDDEN_LAYERS; i++) {
            layers.add(new Linear(WIDTH, WIDTH));
            layers.add(Activations.create(activation));
        }
        layers.add(new Linear(WIDTH, 1));
        return layers;
    }
}
