package dev.lva.examples.cli;

import dev.lva.examples.Lva;
import dev.lva.examples.bench.BenchResult;
import dev.lva.examples.bench.Benchmark;
import dev.lva.examples.bench.MachineInfo;
import dev.lva.examples.bench.Workload;
import dev.lva.run.Outputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lva bench}: times the reference workloads and prints (and optionally writes) the figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the seed, scale, conv and digits workloads: ms per step, samples/s, memory, result quality.",
                "seed: the demo's least-volume autoencoder on the 3-D curve, full batch; scale: 20000 rows of a 2-D"
                        + " manifold in 32 dimensions, MLP 32 -> [256]x4 -> 32, batches of 256; conv: the LV paper's"
                        + " image LVAE on Fashion-MNIST padded to 32x32, batches of 100; digits: the digits launcher's"
                        + " model. bench/compare.sh times the PyTorch twins of the first three beside them."})
public final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--workload", defaultValue = "all",
            description = "seed, scale, digits, conv or all (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--steps", defaultValue = "0",
            description = "Steps (seed) or epochs (scale, digits, conv) of the timed run; 0 for the standard length.")
    int length;

    @Option(names = "--warmup", defaultValue = "-1",
            description = "Warm-up steps (seed) or epochs (scale, digits, conv) on a throw-away model; -1 for the default.")
    int warmup;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chunks", defaultValue = "10", description = "Timing chunks (default: ${DEFAULT-VALUE}).")
    int chunks;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as one JSON object.")
    Path json;

    @Override
    public Integer call() {
        // refused before the minutes of a run: zero chunks divided by zero at the end of it
        if (chunks < 1) {
            throw new ParameterException(spec.commandLine(), "--chunks must be >= 1 (the timed run is cut into that"
                    + " many chunks), got " + chunks);
        }
        if (warmup < -1) {
            throw new ParameterException(spec.commandLine(), "--warmup must be >= 0, or -1 for the workload's default,"
                    + " got " + warmup);
        }
        lva.configure();
        PrintWriter out = spec.commandLine().getOut();
        List<Workload> workloads = workload.equalsIgnoreCase("all") ? List.of(Workload.values())
                : List.of(Workload.of(workload));
        Map<String, Object> all = new LinkedHashMap<>(MachineInfo.describe(lva.threads()));
        List<Map<String, Object>> results = new ArrayList<>();
        Benchmark bench = new Benchmark(seed, chunks);
        for (Workload w : workloads) {
            // conv: no throw-away model (its second set of buffers would double the peak RSS); the JIT
            // settles within the first chunk, which the median of chunks leaves out
            int warm = warmup >= 0 ? warmup : w == Workload.SEED ? 2000 : w == Workload.CONV ? 0 : 1;
            if (w == Workload.CONV) {
                out.println("conv   data: " + dev.lva.examples.bench.ConvData.source());
            }
            BenchResult r = bench.run(w, length, warm);
            print(out, r);
            results.add(toMap(r));
        }
        all.put("first_step_after_s", bench.firstStepUptimeSeconds());
        all.put("peak_rss_mb", MachineInfo.peakRssMb());
        all.put("jvm_peak_mb", MachineInfo.jvmPeakMb());
        all.put("results", results);
        out.printf(Locale.ROOT, "first training step %.2f s after the JVM started; peak RSS %.0f MB (VmHWM), JVM pools"
                        + " peak %.0f MB; %s; %d thread(s); %s; ND4J %s%n", bench.firstStepUptimeSeconds(),
                MachineInfo.peakRssMb(), MachineInfo.jvmPeakMb(), all.get("cpu"), lva.threads(), all.get("java"),
                all.get("nd4j"));
        if (json != null) {
            Outputs.writeJson(json, all);
        }
        return 0;
    }

    private static void print(PrintWriter out, BenchResult r) {
        out.printf(Locale.ROOT, "%-6s %d steps in %.2f s: %.4f ms/step (median of chunks, %.4f-%.4f), %.0f samples/s,"
                        + " %.0f B/step allocated%n", r.workload(), r.steps(), r.seconds(), r.msPerStepMedian(),
                r.msPerStepMin(), r.msPerStepMax(), r.samplesPerSecond(), r.allocatedBytesPerStep());
        StringBuilder stds = new StringBuilder();
        for (int i = 0; i < Math.min(8, r.stdsSorted().length); i++) {
            stds.append(String.format(Locale.ROOT, "%s%.4g", i == 0 ? "" : " ", r.stdsSorted()[i]));
        }
        out.printf(Locale.ROOT, "       rec MSE %.4g, stds %s, %d dims above 1%% of the largest%n", r.recMse(), stds,
                r.dimsAbove1Percent());
    }

    private static Map<String, Object> toMap(BenchResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", r.workload());
        m.put("steps", r.steps());
        m.put("rows", r.rows());
        m.put("seconds", r.seconds());
        m.put("ms_per_step_median", r.msPerStepMedian());
        m.put("ms_per_step_min", r.msPerStepMin());
        m.put("ms_per_step_max", r.msPerStepMax());
        m.put("samples_per_s", r.samplesPerSecond());
        m.put("allocated_bytes_per_step", r.allocatedBytesPerStep());
        m.put("rec_mse", r.recMse());
        m.put("stds_sorted", r.stdsSorted());
        m.put("dims_above_1pct", r.dimsAbove1Percent());
        m.put("chunk_ms_per_step", r.chunkMsPerStep());
        return m;
    }
}
