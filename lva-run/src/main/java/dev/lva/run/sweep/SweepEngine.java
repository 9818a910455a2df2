package dev.lva.run.sweep;

import dev.lva.api.LvaException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Something that runs a sweep's tasks: this machine's threads ({@code threads}, built in), or Apache
 * Spark ({@code spark}, in lva-sweep's jar, which the {@code lva} script puts on the class path for
 * {@code lva sweep}). Found by name through {@link ServiceLoader}, so that lva-examples knows nothing
 * of Spark and {@code lva fit} never loads it.
 */
public interface SweepEngine {
    /** The name {@code --engine} takes. */
    String name();

    /** One line for {@code --help} and messages. */
    String description();

    /**
     * Checks the settings before anything is read or started, so that a typo costs no data loading
     * and no engine start-up: throws for settings that cannot work, returns warnings (one line each)
     * for settings it does not know.
     */
    default List<String> check(EngineSettings settings) {
        return List.of();
    }

    /** Starts the engine; the executor is closed when the sweep ends. */
    SweepExecutor open(EngineSettings settings);

    /** The engine called {@code name} among those {@code loader} sees. */
    static SweepEngine find(String name, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class, loader)) {
            if (e.name().equals(name)) {
                return e;
            }
            names.add(e.name());
        }
        String hint = name.equals("spark")
                ? " (Spark comes with lva-sweep: run lva sweep through the ./lva script, which adds"
                        + " lva-sweep/target/lva-sweep.jar, or use --engine threads)"
                : "";
        throw new LvaException("--engine " + name + ": no such sweep engine on the class path; known: "
                + (names.isEmpty() ? "(none)" : String.join(", ", names)) + hint);
    }
}
