package dev.lva.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a benchmark ran: CPU, versions, threads, and peak memory as the JVM and the kernel see it. */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** Peak resident set size from /proc/self/status (VmHWM), in MB; NaN where there is no /proc. */
    public static double peakRssMb() {
        return procStatusMb("VmHWM:");
    }

    public static double currentRssMb() {
        return procStatusMb("VmRSS:");
    }

    private static double procStatusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Sum of the peak usage of every JVM memory pool (heap and non-heap), in MB. */
    public static double jvmPeakMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }

    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    public static Map<String, Object> describe(int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("threads", threads);
        m.put("jvm_threads", Thread.activeCount());
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("nd4j", dev.lva.core.Engine.nd4jVersion());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        return m;
    }
}
