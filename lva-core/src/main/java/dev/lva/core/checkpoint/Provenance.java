package dev.lva.core.checkpoint;

import dev.lva.core.Engine;
import dev.lva.core.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a checkpoint was written, as far as its numbers depend on it: bit-exact resume needs the
 * same lva, the same JDK (the JIT may vectorise a loop differently), the same OS and architecture
 * (another BLAS build), the same kernels, the same thread counts (products are cut by them), and the
 * same data. {@link #differences} lists what differs between two of them and {@link #explain} says
 * what that means; a resume is exact only when there is none.
 *
 * @param lvaVersion the version of lva
 * @param jdk        {@code java.vendor java.version} ({@code Eclipse Adoptium 17.0.9})
 * @param os         {@code os.name os.version}
 * @param arch       {@code os.arch}
 * @param kernels    the kernels in use ({@code cpu} or {@code reference})
 * @param threads    the engine's, OpenBLAS's and OpenMP's thread counts ({@code engine 1, OpenBLAS 1, OpenMP 1})
 * @param data       the digest of the training data ({@link DataDigest#text()}), or empty when not known
 */
public record Provenance(String lvaVersion, String jdk, String os, String arch, String kernels, String threads,
                         String data) {
    public Provenance {
        Objects.requireNonNull(lvaVersion, "lvaVersion");
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(threads, "threads");
        data = data == null ? "" : data;
    }

    /** This process now, training on data with {@code digest} (null when not known). */
    public static Provenance current(DataDigest digest) {
        return new Provenance(CheckpointFile.lvaVersion(),
                System.getProperty("java.vendor", "?") + " " + System.getProperty("java.version", "?"),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?"),
                System.getProperty("os.arch", "?"), Kernels.active().name(), Engine.threads().text(),
                digest == null ? "" : digest.text());
    }

    /** The same, with the data's digest (a front end that knows its data after the run was set up). */
    public Provenance withData(DataDigest digest) {
        return new Provenance(lvaVersion, jdk, os, arch, kernels, threads, digest == null ? "" : digest.text());
    }

    /** The same with other thread counts (as {@link dev.lva.core.Engine.Threads#text()} gives them). */
    public Provenance withThreads(String text) {
        return new Provenance(lvaVersion, jdk, os, arch, kernels, text, data);
    }

    /** The same with another JDK. */
    public Provenance withJdk(String text) {
        return new Provenance(lvaVersion, text, os, arch, kernels, threads, data);
    }

    /**
     * What differs from {@code now}, one line each ({@code threads: engine 2, ... then, engine 1, ... now});
     * empty when nothing does. A data digest that either side does not know is not compared.
     */
    public List<String> differences(Provenance now) {
        List<String> out = new ArrayList<>();
        differ(out, "lva version", lvaVersion, now.lvaVersion);
        differ(out, "JDK", jdk, now.jdk);
        differ(out, "OS", os, now.os);
        differ(out, "architecture", arch, now.arch);
        differ(out, "kernels", kernels, now.kernels);
        differ(out, "threads", threads, now.threads);
        if (!data.isEmpty() && !now.data.isEmpty()) {
            differ(out, "data", data, now.data);
        }
        return out;
    }

    private static void differ(List<String> out, String what, String then, String now) {
        if (!then.equals(now)) {
            out.add(what + ": " + then + " then, " + now + " now");
        }
    }

    /**
     * One paragraph for a user resuming a run written under {@code this} in the environment
     * {@code now} (null: a checkpoint of an older lva, which recorded none).
     */
    public static String explain(Provenance then, Provenance now) {
        if (then == null) {
            return "the checkpoint records no provenance (an older lva wrote it): whether the resume is exact"
                    + " cannot be told";
        }
        List<String> d = then.differences(now);
        if (d.isEmpty()) {
            return "same lva, JDK, OS, architecture, kernels, threads" + (then.data.isEmpty() || now.data.isEmpty()
                    ? "" : " and data") + " as when the checkpoint was written: the resume is exact";
        }
        return "the resume continues the run but is not bit-exact: " + String.join("; ", d)
                + " (another lva, JDK, OS, architecture, kernel or thread count may round differently;"
                + " other data is another run)";
    }
}
