package dev.lva.sweep;

import dev.lva.api.LvaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.internal.config.ConfigEntry$;

/**
 * The Spark settings of a sweep ({@code --master}, {@code --conf}), checked before Spark starts: a
 * setting Spark would refuse only after a screen of its own log and a stack trace is one line here,
 * naming the setting. What cannot be checked beforehand is turned into one line when Spark fails.
 */
final class SparkSettings {
    /** The forms of an embedded master: local, local[N], local[*], local[N,F], local[*,F]. */
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,(\\d+))?])?");
    private static final String LOCAL_FORMS = "local, local[N] (N cores), local[*] (all of them) or local[N,F]"
            + " (F tries per task)";
    /**
     * Families of keys whose names are free or belong to modules a sweep does not load (SQL, YARN,
     * Kubernetes): no warning for them, since Spark core's registry cannot know them.
     */
    private static final List<String> OPEN_PREFIXES = List.of("spark.executorEnv.", "spark.hadoop.", "spark.sql.",
            "spark.yarn.", "spark.kubernetes.", "spark.mesos.", "spark.ssl.", "spark.metrics.", "spark.appMasterEnv.",
            "spark.driverEnv.", "spark.executor.resource.", "spark.driver.resource.", "spark.worker.resource.",
            "spark.task.resource.", "spark.eventLog.", "spark.history.", "spark.streaming.", "spark.ui.",
            "spark.redaction.", "spark.plugins.", "spark.scheduler.", "spark.sparkr.", "spark.r.", "spark.python.");
    /** Keys SparkContext reads without a registered entry. */
    private static final List<String> ALSO_KNOWN = List.of("spark.master", "spark.app.name", "spark.app.id",
            "spark.jars", "spark.serializer", "spark.driver.host", "spark.driver.port", "spark.executor.id",
            "spark.port.maxRetries");

    private SparkSettings() {
    }

    /** {@code local[0]}, {@code local[abc]}: refused by name before Spark starts. */
    static void checkLocalMaster(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            throw new LvaException("--master " + master + ": not a Spark master; an embedded one is " + LOCAL_FORMS
                    + ", a cluster spark://HOST:PORT");
        }
        if (m.group(2) != null && !m.group(2).equals("*") && parse(m.group(2)) < 1) {
            throw new LvaException("--master " + master + ": no cores to run on; " + LOCAL_FORMS + " with N >= 1");
        }
        if (m.group(4) != null && parse(m.group(4)) < 1) {
            throw new LvaException("--master " + master + ": a task needs at least one try; " + LOCAL_FORMS
                    + " with F >= 1");
        }
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Each {@code --conf} value that Spark core knows the type of is converted as Spark would convert
     * it ({@code spark.executor.memory=lots} is no size); the serializer must be a class on the class path.
     */
    static void check(Map<String, String> conf) {
        registerSparkEntries();
        for (Map.Entry<String, String> e : conf.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.equals("spark.master")) {
                // --conf is applied last: it would replace the master that was checked, and its name in messages
                throw new LvaException("--conf spark.master=" + value + ": give the master as --master " + value);
            }
            ConfigEntry<?> entry = ConfigEntry.findEntry(key);
            if (entry != null) {
                try {
                    entry.valueConverter().apply(value);
                } catch (RuntimeException ex) {
                    throw new LvaException("--conf " + key + "=" + value + ": "
                            + firstLine(ex) + (entry.doc() == null || entry.doc().isBlank() ? ""
                            : " (" + key + ": " + firstSentence(entry.doc()) + ")"));
                }
            }
            if (key.equals("spark.serializer") || key.equals("spark.closure.serializer")) {
                checkSerializer(key, value);
            }
        }
    }

    private static void checkSerializer(String key, String value) {
        String known = "Spark's are org.apache.spark.serializer.KryoSerializer and"
                + " org.apache.spark.serializer.JavaSerializer";
        Class<?> type;
        try {
            type = Class.forName(value.strip(), false, SparkSettings.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new LvaException("--conf " + key + "=" + value + ": no such class on the class path; " + known);
        }
        if (!org.apache.spark.serializer.Serializer.class.isAssignableFrom(type)) {
            throw new LvaException("--conf " + key + "=" + value + ": not a Spark serializer; " + known);
        }
    }

    /** An embedded master has N cores: a task that needs more never starts (Spark refuses at start-up). */
    static void checkTaskCpus(SparkConf conf, Map<String, String> given) {
        Matcher m = LOCAL.matcher(conf.get("spark.master"));
        if (!m.matches()) {
            return;
        }
        int cores = m.group(2) == null ? 1 : m.group(2).equals("*") ? Runtime.getRuntime().availableProcessors()
                : (int) Math.min(Integer.MAX_VALUE, parse(m.group(2)));
        int cpus = conf.getInt("spark.task.cpus", 1);
        if (cpus > cores) {
            String where = given.containsKey("spark.task.cpus") ? "--conf spark.task.cpus=" + given.get("spark.task.cpus")
                    : "--threads " + cpus;
            throw new LvaException(where + ": each run takes " + cpus + " cores, but " + conf.get("spark.master")
                    + " has " + cores + "; lva sets spark.task.cpus to --threads, and local[N] to N runs of that many");
        }
    }

    /**
     * Settings Spark would take in silence and never use: keys outside {@code spark.}, and
     * {@code spark.} keys that Spark core does not know but that are a typo away from one it does.
     */
    static List<String> warnings(Map<String, String> conf) {
        registerSparkEntries();
        List<String> out = new ArrayList<>();
        for (String key : conf.keySet()) {
            if (!key.startsWith("spark.")) {
                out.add("--conf " + key + ": not a Spark setting (their names start with spark.); Spark ignores it");
                continue;
            }
            if (ConfigEntry.findEntry(key) != null || ALSO_KNOWN.contains(key) || alternative(key)
                    || OPEN_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            // Spark also reads settings it never registered (spark.port.maxRetries): only a near miss
            // of a registered one is surely a typo worth a warning
            String near = nearest(key);
            if (near != null) {
                out.add("--conf " + key + ": Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                        + " knows no such setting (did you mean " + near + "?); it is passed on unused");
            }
        }
        return out;
    }

    private static boolean alternative(String key) {
        for (ConfigEntry<?> e : ConfigEntry$.MODULE$.knownConfigs().values()) {
            if (e.alternatives().contains(key)) {
                return true;
            }
        }
        return false;
    }

    private static String nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : ConfigEntry$.MODULE$.knownConfigs().keySet()) {
            int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance || d == bestDistance && best != null && k.compareTo(best) < 0) {
                best = k;
                bestDistance = d;
            }
        }
        // a typo is a few letters; anything further is another setting, not a suggestion
        return bestDistance <= Math.max(2, key.length() / 8) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Spark registers its settings as their Scala objects are first used; a sweep checks the user's
     * settings before Spark starts, so it loads those objects itself.
     */
    private static void registerSparkEntries() {
        for (String o : List.of("package$", "UI$", "Network$", "Deploy$", "Kryo$", "Worker$", "Status$", "History$",
                "Python$", "R$", "Tests$", "Streaming$")) {
            try {
                Class.forName("org.apache.spark.internal.config." + o, true, SparkSettings.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // an older or newer Spark without that object: its settings go unchecked
            }
        }
    }

    /**
     * Spark failed to start: one line, naming the setting when Spark's message names one the user gave
     * (Spark's messages say {@code spark.task.cpus}, not {@code --conf}).
     */
    static String startFailure(String master, Map<String, String> conf, Throwable e) {
        String message = firstLine(root(e));
        // a port Spark could not take is named by its service, not its setting
        if (message.contains("Service 'sparkDriver'") && conf.containsKey("spark.driver.port")) {
            return "--conf spark.driver.port=" + conf.get("spark.driver.port") + ": Spark did not start: " + message;
        }
        for (Map.Entry<String, String> c : conf.entrySet()) {
            if (message.contains(c.getKey())) {
                return "--conf " + c.getKey() + "=" + c.getValue() + ": Spark did not start: " + message;
            }
        }
        return "--master " + master + ": Spark did not start: " + message;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int newline = m.indexOf('\n');
        m = (newline < 0 ? m : m.substring(0, newline)).strip();
        return m.length() > 300 ? m.substring(0, 297) + "..." : m;
    }

    private static String firstSentence(String doc) {
        String d = doc.strip().replaceAll("\\s+", " ");
        int dot = d.indexOf(". ");
        d = dot < 0 ? d : d.substring(0, dot + 1);
        return d.length() > 160 ? d.substring(0, 157) + "..." : d;
    }
}
