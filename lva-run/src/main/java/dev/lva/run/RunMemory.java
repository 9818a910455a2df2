package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.nn.Shape;
import dev.lva.models.AutoEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * What a run needs in memory, and what this JVM has free, so that a run can choose a batch that fits
 * and runs side by side ({@code --seeds}) can be as many as fit. Two pools: ND4J's arrays live in
 * native memory (the data, parameters, optimizer state, a batch's activations, the codes), bounded by
 * the machine's available memory and by JavaCPP's cap on this process ({@link Pointer#maxPhysicalBytes},
 * which follows {@code -Xmx}); the output a run writes and a sweep hands back (latent.csv, the model
 * file, figures) is built on the Java heap. The figures are estimates, on the generous side: they
 * decide a batch size and a number of parallel runs, not whether a single allocation succeeds.
 */
public final class RunMemory {
    /** Heap a run's figures, report and small files take whatever the data. */
    static final long HEAP_PER_RUN = 48L << 20;

    private RunMemory() {
    }

    /**
     * Bytes in the two pools.
     *
     * @param nativeBytes ND4J's arrays
     * @param heapBytes   the Java heap
     */
    public record Bytes(long nativeBytes, long heapBytes) {
        /** {@code 1.2 GB of arrays and 60 MB of heap}. */
        public String text() {
            return size(nativeBytes) + " of arrays and " + size(heapBytes) + " of heap";
        }
    }

    /**
     * A run sized to this JVM.
     *
     * @param config the run's options, its batch chosen where the user left it open
     * @param model  the model it builds (for its sizes)
     * @param free   what was free when it was sized, the data already loaded
     * @param note   what the front end states about the choice, or null
     */
    public record Plan(RunConfig config, AutoEncoder model, Bytes free, String note) {
    }

    /**
     * Sizes a run of {@code config} on {@code data}: a full batch the user did not ask for becomes
     * minibatches when its activations would take more than a quarter of the free array memory; a run
     * that still cannot fit is refused before training, naming the bytes and the option to change.
     *
     * @param batchGiven whether the user chose the batch (then it is kept, or the run refused)
     * @param sweepRun   whether it is one of a sweep's or {@code --seeds}' runs (see {@link #perRun})
     */
    public static Plan plan(RunConfig config, RunData data, Plugins plugins, boolean batchGiven, boolean sweepRun) {
        AutoEncoder model = model(config, data, plugins);
        Bytes free = free();
        // the batch is chosen for every row trained on, those read from a file included
        int rows = data.rows();
        RunConfig sized = config;
        String note = null;
        if (!batchGiven && config.batch() == 0) {
            int batch = defaultBatch(model, rows, free.nativeBytes());
            if (batch != 0) {
                sized = dev.lva.api.plugin.Options.bind(config, java.util.Map.of("batch", Integer.toString(batch)),
                        "the batch that fits");
                note = "a full batch of " + rows + " rows needs about " + size(batchBytes(model, rows)) + " for its"
                        + " activations, more than a quarter of the " + size(free.nativeBytes()) + " free for arrays:"
                        + " training in batches of " + batch + " (--batch N to choose)";
            }
        }
        Bytes need = perRun(model, rows, data.dataset().cols(), RunData.isImages(data.dataset()), sized.batch(),
                sweepRun);
        long activations = batchBytes(model, sized.batch() == 0 ? rows : Math.min(rows, sized.batch()));
        long params = 6 * model.dataType().width() * model.parameters().length();
        requireFits(need, free, batchGiven ? "--batch " + sized.batch() : null, activations, sized.batch(), rows,
                params >= need.nativeBytes() / 2 || activations >= need.nativeBytes() / 2
                        ? mainCost(sized, data.imageShape(), params, activations) : null);
        return new Plan(sized, model, free, note);
    }

    /**
     * Runs of {@code plan} side by side: as many as the cores hold ({@code byCores}) and the free memory
     * holds, the data counted once (every run reads the same copy).
     *
     * @param runs the runs at a time, and why, as the front end states it
     */
    public record Parallel(int runs, String why) {
    }

    public static Parallel parallel(Plan plan, RunData data, int byCores, int threads) {
        Bytes need = perRun(plan.model(), data.dataset().rows(), data.dataset().cols(), RunData.isImages(data.dataset()),
                plan.config().batch(), true);
        int runs = parallel(byCores, need, plan.free());
        return new Parallel(runs, "cores for " + byCores + " at " + threads + " thread" + (threads == 1 ? "" : "s")
                + " each; memory for " + Math.max(1, Math.min(fits(need.nativeBytes(), plan.free().nativeBytes()),
                fits(need.heapBytes(), plan.free().heapBytes()))) + ": a run needs about " + need.text() + ", "
                + plan.free().text() + " free, the data held once");
    }

    private static long fits(long need, long free) {
        return need <= 0 ? Long.MAX_VALUE : free / need;
    }

    /**
     * Lets the native arrays of runs that have finished go now, before the next run trains beside
     * them: ND4J frees an array's memory only when the collector takes its Java object, and a finished
     * run's model, optimizer state and layer buffers (some hundred MB for conv-lvae's default channels)
     * are old objects that only a full collection takes, which a small heap seldom makes. One collection
     * a run (tens of ms with a small heap): what a sweep's or {@code --seeds}' worker calls after each run.
     */
    public static void releaseFinishedRuns() {
        System.gc();
    }

    /** What this JVM can still allocate now (after a collection, so that garbage does not count as used). */
    public static Bytes free() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long nat = Long.MAX_VALUE;
        long cap = Pointer.maxPhysicalBytes();
        if (cap > 0) {
            // the whole process counts against JavaCPP's cap, the heap included, and the heap may still grow
            // to its maximum (measured: 20,000 x 3,000 rows reached 2.1 GB of RSS against a 2 GB cap)
            nat = cap - Pointer.physicalBytes() - Math.max(0, rt.maxMemory() - rt.totalMemory());
        }
        long available = memAvailable();
        if (available > 0) {
            nat = Math.min(nat, available);
        }
        return new Bytes(Math.max(0, nat), Math.max(0, heap));
    }

    /** The machine's available memory from /proc/meminfo, or -1 where there is none. */
    static long memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.substring("MemAvailable:".length()).strip().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: JavaCPP's cap alone bounds the arrays
        }
        return -1;
    }

    /**
     * The model a run of {@code config} builds on {@code data}, for its sizes. Before its parameters are
     * allocated, its layers' shapes are sized ({@link #requireModelFits}): a model that could not train
     * one batch in this JVM is refused with the bytes and the option to change, not built.
     */
    public static AutoEncoder model(RunConfig config, RunData data, Plugins plugins) {
        return model(config, data, plugins, null);
    }

    /** @param free what is free, or null to look when the model's size is known */
    static AutoEncoder model(RunConfig config, RunData data, Plugins plugins, Bytes free) {
        int rows = data.dataset().rows();
        int cols = data.dataset().cols();
        return ParameterBuffer.withBudget((layers, parameters, type) -> {
            Layer encoder = layers.get("encoder");
            Layer decoder = layers.get("decoder");
            if (encoder != null && decoder != null) {
                requireModelFits(config, data.imageShape(), rows, parameters, AutoEncoder.trainingNumbersPerRow(
                        encoder, decoder, Shape.features(cols)), type.width(), free == null ? free() : free);
            }
        }, () -> (AutoEncoder) plugins.registry(ModelProvider.KIND).create(RunModels.spec(config, data)));
    }

    /**
     * Refuses a model that cannot train even its smallest batch here, from its shapes before it is
     * built: its parameters with gradients, Adam's moments and a checkpoint's copy (six times their
     * bytes) and one batch's activations in array memory, Adam's working copies (two) on the heap.
     * The batch is the user's, or the smallest lva would choose when it is left open.
     *
     * @param image      the images' shape (after --pad-to), or null for a table
     * @param perRow     numbers a training row holds ({@link AutoEncoder#trainingNumbersPerRow})
     * @param width      bytes of a number
     */
    static void requireModelFits(RunConfig config, Shape image, int rows, long parameters, long perRow, long width,
                                 Bytes free) {
        int batch = config.batch() > 0 ? Math.min(rows, config.batch()) : Math.min(rows, 2);
        long params = width * 6 * parameters;
        long activations = width * perRow * batch;
        Bytes need = new Bytes(params + activations, HEAP_PER_RUN + 2 * width * parameters);
        if (need.nativeBytes() <= free.nativeBytes() && need.heapBytes() <= free.heapBytes()) {
            return;
        }
        String batchText = (config.batch() > 0 ? "a batch of " + batch : "the smallest batch, " + batch) + " "
                + (image == null ? "rows" : "images");
        throw new LvaException("this model needs about " + need.text() + " to train " + batchText + " ("
                + String.format(Locale.ROOT, "%,d", parameters) + " parameters: " + size(params) + " with their"
                + " gradients, Adam's moments and a checkpoint's copy; activations: " + size(activations) + "), and"
                + " this JVM has " + free.text() + " free; " + mainCost(config, image, params, activations)
                + ", or give Java more memory (LVA_JAVA_OPTS=-Xmx4g; arrays may take about four times the heap)");
    }

    /**
     * What makes a run large, and the option that changes it: the parameters (the hidden widths of an
     * MLP, the last convolution's output, which the Linear to the code multiplies by --latent) or a
     * batch's activations (the images' size, --pad-to among them, the channels, the batch).
     */
    static String mainCost(RunConfig config, Shape image, long paramBytes, long activationBytes) {
        boolean conv = "conv-lvae".equals(config.model());
        String pad = config.padTo() > 0 ? "--pad-to " + config.padTo() + " (images of " + image.height() + " x "
                + image.width() + ")" : null;
        if (paramBytes >= activationBytes) {
            if (!conv) {
                return "most of it is the parameters, which the hidden widths set (--hidden " + joined(config.hidden())
                        + ": a layer of widths a then b holds a x b weights): narrower --hidden needs less";
            }
            return "most of it is the parameters, mostly the Linear layers between the last convolution's output ("
                    + "--channels " + joined(config.channels()) + " on " + (image == null ? "the images" : "images of "
                    + image.height() + " x " + image.width()) + ") and the code of " + (config.latent() == 0
                    ? RunModels.CONV_LATENT + " dimensions (conv-lvae's default)" : "--latent " + config.latent()) + ": "
                    + (pad != null ? "a smaller " + pad + ", " : "") + "a smaller last channel count or fewer latent"
                    + " dimensions need less";
        }
        String batch = config.batch() > 0 ? "a smaller --batch (now " + config.batch() + ")" : null;
        if (!conv) {
            return "most of it is a batch's activations: " + (batch != null ? batch + " or " : "") + "narrower"
                    + " --hidden needs less";
        }
        return "most of it is a batch's activations, which grow with the images' pixels and the channels: "
                + (pad != null ? "a smaller " + pad + ", " : "") + (batch != null ? batch + ", " : "")
                + "fewer --channels (now " + joined(config.channels()) + ") need less";
    }

    private static String joined(java.util.List<Integer> values) {
        return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    /** Bytes a batch of {@code rows} rows needs in training: its activations and their gradients. */
    public static long batchBytes(AutoEncoder model, long rows) {
        return rows * model.trainingNumbersPerRow() * model.dataType().width();
    }

    /**
     * What one run of {@code model} on {@code rows} rows of {@code cols} columns needs besides the data
     * itself (which runs share): parameters with their gradients, the optimizer's two moments, a
     * checkpoint's copy and spares; one batch's activations, and the forward buffers of the analysis's
     * batches; a sweep run's scaled copy of a table; the codes of every
     * row (the analysis and latent.csv); the analysis's covariance in float64, three of them at once.
     * On the heap: the covariance as Java arrays, the figures, and for a sweep's run its checkpoints'
     * bytes on their way to the sweep's folder (a run on this machine moves its folder into place, so
     * its codes and model never pass through the heap: {@link dev.lva.run.sweep.RunFiles.OnDisk}).
     *
     * @param batch    rows a training step (0: every row)
     * @param sweepRun whether it is a sweep's run (its own scaled copy of a table, its checkpoints as bytes)
     */
    public static Bytes perRun(AutoEncoder model, int rows, int cols, boolean images, int batch, boolean sweepRun) {
        long width = model.dataType().width();
        long params = model.parameters().length();
        long latent = model.latentDimension();
        int b = batch == 0 ? rows : Math.min(batch, rows);
        // a table's scaled copy: a single run's was made when its data were loaded, a sweep's run makes its own
        long nat = width * (6 * params + (images || !sweepRun ? 0 : (long) rows * cols) + 2L * rows * latent)
                + batchBytes(model, b) + batchBytes(model, Math.min(rows, model.maxBatchRows())) / 2
                + 3 * 8 * latent * latent;
        // Adam's working copies of the parameters and gradients are Java arrays (CpuUpdates): a model of
        // 72M parameters trained past the array check and ended in "Java heap space" at its first step
        long heap = HEAP_PER_RUN + 2 * width * params + (sweepRun ? 3 * width * params : 0) + 2 * 8 * latent * latent;
        return new Bytes(nat, heap);
    }

    /**
     * Runs that fit side by side: at most {@code byCores}, at most as many as {@code free} holds of
     * {@code need} in each pool, and at least one (a single run is what {@code lva fit} would try).
     */
    public static int parallel(int byCores, Bytes need, Bytes free) {
        long n = byCores;
        if (need.nativeBytes() > 0) {
            n = Math.min(n, free.nativeBytes() / need.nativeBytes());
        }
        if (need.heapBytes() > 0) {
            n = Math.min(n, free.heapBytes() / need.heapBytes());
        }
        return (int) Math.max(1, n);
    }

    /**
     * The batch of a run whose options leave it to lva: the full batch when its activations take at
     * most a quarter of the free array memory, else the largest round number of rows (1, 2 or 5 times
     * a power of ten) that does, and at least the model's minimum.
     *
     * @return the batch (0 for the full batch)
     */
    public static int defaultBatch(AutoEncoder model, int rows, long freeNative) {
        long budget = freeNative / 4;
        if (batchBytes(model, rows) <= budget) {
            return 0;
        }
        long perRow = Math.max(1, batchBytes(model, 1));
        long fit = Math.max(1, budget / perRow);
        long round = 1;
        for (long p = 1; p <= fit; p *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p <= fit) {
                    round = m * p;
                }
            }
        }
        int min = Math.max(1, model.minBatchRows());
        return (int) Math.min(rows, Math.max(min, round));
    }

    /**
     * Refuses, before any training, a run that cannot fit: one whose need exceeds what is free, with
     * the bytes on both sides and what to change.
     *
     * @param batchOption how the user chose the batch ({@code --batch 0}), or null where lva chose it
     */
    public static void requireFits(Bytes need, Bytes free, String batchOption, long batchBytes, int batch, int rows) {
        requireFits(need, free, batchOption, batchBytes, batch, rows, null);
    }

    /** @param mainCost what makes the run large and the option that changes it ({@link #mainCost}), or null */
    static void requireFits(Bytes need, Bytes free, String batchOption, long batchBytes, int batch, int rows,
                            String mainCost) {
        if (need.nativeBytes() <= free.nativeBytes() && need.heapBytes() <= free.heapBytes()) {
            return;
        }
        String batchText = batch == 0 || batch >= rows ? "the full batch of " + rows + " rows" : "batches of " + batch
                + " rows";
        throw new LvaException("this run needs about " + need.text() + " (" + batchText + ": " + size(batchBytes)
                + " of activations), and this JVM has " + free.text() + " free; " + (mainCost == null ? ""
                : mainCost + "; ") + (batchBytes * 2 > need.nativeBytes()
                ? "a smaller --batch" + (batchOption == null ? "" : " (instead of " + batchOption + ")") + " needs less, or "
                : "")
                + "give Java more memory (LVA_JAVA_OPTS=-Xmx4g; arrays may take about four times the heap), or fewer"
                + " rows (--limit), narrower layers (--hidden, or --channels for conv-lvae) or fewer latent dimensions"
                + " (--latent)");
    }

    /** {@code 188 MB}, {@code 7.2 GB}. */
    public static String size(long bytes) {
        if (bytes >= 10L << 30) {
            return String.format(Locale.ROOT, "%.0f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", (bytes + (1L << 20) - 1) >> 20);
    }
}
