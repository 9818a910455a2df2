package dev.lva.run;

import dev.lva.core.data.CsvTable;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.data.ImageStreaming;
import dev.lva.models.Precision;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's options for Java, typed and nested as {@code config.yaml} writes them: the data, the model,
 * its penalty, the optimizer, the training, the checkpoints and the output, one record each. It is
 * {@link RunConfig} in sections (each component is the run option of that name, {@link RunOptions}):
 * {@link #of} and {@link #toConfig} convert without loss, and a spec whose values a run would refuse
 * is refused when it is made, with the option named.
 *
 * <pre>{@code
 * FitSpec d = FitSpec.defaults("lvae");
 * FitSpec spec = d.with(new FitSpec.Data(Path.of("rows.csv"), List.of(), CsvTable.Header.AUTO, Scaling.NONE,
 *         0, 0, ImageFiles.Layout.AUTO, ImageStreaming.Mode.AUTO, null, null)).with(new FitSpec.Optimizer("adam", 0.01));
 * LvaRun.fit(spec.toConfig(), data, folder, plugins);
 * }</pre>
 */
public record FitSpec(Data data, Model model, Penalty penalty, Optimizer optimizer, Training training,
                      Checkpoints checkpoints, Output output) {

    /** What is read and how: the {@link RunOption.Group#DATA} options. */
    public record Data(Path data, List<String> columns, CsvTable.Header header, Scaling scale, int padTo, int limit,
                       ImageFiles.Layout layout, ImageStreaming.Mode stream, Path labels, Path truth) {
    }

    /** The model and its layers: the {@link RunOption.Group#MODEL} options. */
    public record Model(String model, int latent, List<Integer> hidden, List<Integer> channels, String activation) {
    }

    /** The latent penalty and the pruning: the {@link RunOption.Group#PENALTY} options. */
    public record Penalty(String regularizer, String pruning, int pruneFrom, boolean prunedInPenalty) {
    }

    /** The optimizer spec and its learning rate: the {@link RunOption.Group#OPTIMIZER} options. */
    public record Optimizer(String optimizer, double lr) {
    }

    /** How long and how: the {@link RunOption.Group#TRAINING} options, convergence included. */
    public record Training(int epochs, double tol, int tolWindow, int batch, Precision precision, long seed) {
    }

    /** When checkpoints are written and how many kept: the {@link RunOption.Group#CHECKPOINTS} options. */
    public record Checkpoints(int checkpointEvery, double checkpointSeconds, int keep) {
    }

    /** Where the run's files go: the {@link RunOption.Group#OUTPUT} options. */
    public record Output(Path out) {
    }

    /** The record of each group, in the order of {@link RunOption.Group}. */
    static final Map<RunOption.Group, Class<? extends Record>> SECTIONS = Map.of(
            RunOption.Group.DATA, Data.class, RunOption.Group.MODEL, Model.class, RunOption.Group.PENALTY,
            Penalty.class, RunOption.Group.OPTIMIZER, Optimizer.class, RunOption.Group.TRAINING, Training.class,
            RunOption.Group.CHECKPOINTS, Checkpoints.class, RunOption.Group.OUTPUT, Output.class);

    /** Refuses, naming the option, what a run would refuse. */
    public FitSpec {
        Record[] sections = {data, model, penalty, optimizer, training, checkpoints, output};
        for (Record section : sections) {
            if (section == null) {
                throw new IllegalArgumentException("a fit spec has every section (data, model, penalty, optimizer,"
                        + " training, checkpoints, output); start from FitSpec.defaults(model)");
            }
        }
        config(sections);
    }

    /** What a run of {@code model} ({@code lvae}, {@code conv-lvae}) does when told nothing: its provider's defaults. */
    public static FitSpec defaults(String model) {
        return of(RunConfig.defaults(model));
    }

    /** {@code config} in sections. */
    public static FitSpec of(RunConfig config) {
        Map<String, Object> values = new HashMap<>();
        for (RecordComponent c : RunConfig.class.getRecordComponents()) {
            values.put(c.getName(), get(c, config));
        }
        return new FitSpec(make(Data.class, values), make(Model.class, values), make(Penalty.class, values),
                make(Optimizer.class, values), make(Training.class, values), make(Checkpoints.class, values),
                make(Output.class, values));
    }

    /** The run config of this spec, which {@link LvaRun} trains. */
    public RunConfig toConfig() {
        return config(data, model, penalty, optimizer, training, checkpoints, output);
    }

    /** The run config of these sections (the fields are not yet set while a spec checks its own). */
    private static RunConfig config(Record... sections) {
        Map<String, Object> values = new HashMap<>();
        for (Record section : sections) {
            for (RecordComponent c : section.getClass().getRecordComponents()) {
                values.put(c.getName(), get(c, section));
            }
        }
        return make(RunConfig.class, values);
    }

    /** This spec with one section replaced ({@code spec.with(new FitSpec.Optimizer("sgd", 0.1))}). */
    public FitSpec with(Record section) {
        return new FitSpec(section instanceof Data d ? d : data, section instanceof Model m ? m : model,
                section instanceof Penalty p ? p : penalty, section instanceof Optimizer o ? o : optimizer,
                section instanceof Training t ? t : training, section instanceof Checkpoints c ? c : checkpoints,
                section instanceof Output o ? o : output);
    }

    private static Object get(RecordComponent c, Object of) {
        try {
            return c.getAccessor().invoke(of);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    /** A record of {@code type} whose components take the values of the same names. */
    private static <R extends Record> R make(Class<R> type, Map<String, Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = values.get(components[i].getName());
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            // a value the run refuses: its own message, which names the option
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getSimpleName(), e);
        }
    }
}
