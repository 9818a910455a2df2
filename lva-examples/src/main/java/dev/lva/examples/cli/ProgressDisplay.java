package dev.lva.examples.cli;

import dev.lva.run.RunProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * How far a long task (training, the analysis, writing codes) has come, on stderr. On a terminal it
 * is a bar redrawn in place (the progressbar library) whose line is laid out here to fit the
 * terminal: the count, the rate and the loss always show, the bar takes what is left, and the time
 * left goes first when the line is narrow (at 80 columns the library's own layout shrank the bar to
 * {@code [=]} and cut the loss to {@code loss 0.0}, and counted the rate in whole seconds). Into a
 * file or a pipe, where a redrawn bar becomes one long line of carriage returns, it is a plain line
 * every few seconds and one at the end.
 *
 * <p>The style comes from the system property {@code lva.progress}: {@code bar}, {@code lines} or
 * {@code none}; the {@code lva} script sets {@code bar} when stderr is a terminal and {@code lines}
 * when it is not. Without the property, a bar when Java sees a console, else lines.
 */
public abstract class ProgressDisplay implements RunProgress.Task {
    /** The widest bar line. */
    static final int MAX_WIDTH = 100;
    /** Seconds between two plain lines. */
    static final double LINE_SECONDS = 5;

    /** The styles. */
    public enum Style { BAR, LINES, NONE }

    protected final String task;
    protected final String unit;
    protected final long total;
    protected final long start;

    ProgressDisplay(String task, String unit, long total, long start) {
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.start = start;
    }

    /** The style the system property asks for, or the one the console suggests. */
    public static Style style() {
        String p = System.getProperty("lva.progress", "");
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "bar" -> Style.BAR;
            case "lines" -> Style.LINES;
            case "none" -> Style.NONE;
            default -> System.console() != null ? Style.BAR : Style.LINES;
        };
    }

    /** The run library's progress shown on {@code stream} (stderr) in the {@link #style()}; null shows none. */
    public static RunProgress on(PrintStream stream) {
        return stream == null ? null : (task, unit, total, start) -> open(task, unit, total, start, stream);
    }

    /**
     * A display for {@code total} units of {@code task}, of which {@code start} are done already (a
     * resumed run); nothing when {@code stream} is null.
     */
    public static ProgressDisplay open(String task, String unit, long total, long start, PrintStream stream) {
        Style style = stream == null ? Style.NONE : style();
        return switch (style) {
            case BAR -> new Bar(task, unit, total, start, stream);
            case LINES -> new Lines(task, unit, total, start, stream, System::nanoTime, LINE_SECONDS);
            case NONE -> new Lines(task, unit, total, start, null, System::nanoTime, LINE_SECONDS);
        };
    }

    /** {@code done} of the total, with a short note such as {@code loss 0.0123} (or null). */
    public abstract void update(long done, String note);

    /** A new total (a task that learns its size as it goes). */
    public abstract void total(long newTotal);

    @Override
    public abstract void close();

    /**
     * One line of at most {@code width} characters: {@code training  43% [=====>      ] 860/2000
     * steps 412/s 0:03 left loss 0.01045}. The count, rate and note always show; the time left goes
     * when there is no room for it and a bar of 10; the bar takes the rest, or goes when under 5.
     */
    static String line(String task, String unit, long done, long total, long start, Duration elapsed, String note,
                       int width) {
        String percent = total > 0 ? String.format(Locale.ROOT, "%3d%%", (int) (100 * done / total)) : "";
        String count = done + "/" + total + " " + unit;
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? (done - start) / seconds : Double.NaN;
        String speed = Double.isFinite(rate) && done > start ? rate(rate) + "/s" : "";
        String left = "";
        if (Double.isFinite(rate) && rate > 0 && total > done) {
            left = clock((long) Math.ceil((total - done) / rate)) + " left";
        } else if (total > 0 && done >= total) {
            left = clock((long) seconds) + " in all";
        }
        String tail = join(count, speed, left, note == null ? "" : note);
        int fixed = task.length() + 1 + percent.length() + 1 + 3 + 1 + tail.length();
        if (width - fixed < 10 && !left.isEmpty()) {
            tail = join(count, speed, note == null ? "" : note);
            fixed = task.length() + 1 + percent.length() + 1 + 3 + 1 + tail.length();
        }
        int barWidth = width - fixed;
        if (barWidth < 5) {
            return join(task, percent, tail);
        }
        int filled = total > 0 ? (int) Math.min(barWidth, barWidth * done / total) : 0;
        String bar = "[" + "=".repeat(filled) + (filled < barWidth ? ">" : "") + " ".repeat(Math.max(0,
                barWidth - filled - 1)) + "]";
        return join(task, percent, bar, tail);
    }

    /** The plain line of a file or pipe: {@code training: 860/2000 steps (43%), 412 steps/s, 3 s left, loss 0.01045}. */
    static String plainLine(String task, String unit, long done, long total, long start, Duration elapsed,
                            String note, boolean end) {
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? (done - start) / seconds : Double.NaN;
        StringBuilder sb = new StringBuilder(task).append(": ");
        if (end) {
            sb.append(done >= total ? "done, " : "ended at ").append(done).append('/').append(total).append(' ')
                    .append(unit).append(String.format(Locale.ROOT, " in %.1f s", seconds));
        } else {
            sb.append(done).append('/').append(total).append(' ').append(unit);
            if (total > 0) {
                sb.append(" (").append(100 * done / total).append("%)");
            }
        }
        if (Double.isFinite(rate) && done > start) {
            sb.append(", ").append(rate(rate)).append(' ').append(unit).append("/s");
            if (!end && rate > 0 && total > done) {
                sb.append(", ").append(clock((long) Math.ceil((total - done) / rate))).append(" left");
            }
        }
        if (note != null && !note.isBlank()) {
            sb.append(", ").append(note.strip());
        }
        return sb.toString();
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(p);
            }
        }
        return sb.toString();
    }

    /** Three significant digits: {@code 412}, {@code 41.2}, {@code 4.12}, {@code 12,345}. */
    static String rate(double r) {
        if (r >= 1000) {
            return String.format(Locale.ROOT, "%,d", Math.round(r));
        }
        return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : r >= 10 ? String.format(Locale.ROOT, "%.1f", r)
                : String.format(Locale.ROOT, "%.2f", r);
    }

    /** {@code 0:03}, {@code 12:40}, {@code 2:05:00}. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** The bar on a terminal, drawn by the progressbar library with {@link #line}. */
    static final class Bar extends ProgressDisplay {
        private final ProgressBar bar;

        Bar(String task, String unit, long total, long start, PrintStream stream) {
            super(task, unit, total, start);
            ProgressBarRenderer renderer = (ProgressState s, int width) -> line(s.getTaskName(), unit, s.getCurrent(),
                    s.getMax(), s.getStart(), s.getElapsedAfterStart(), s.getExtraMessage(), width);
            this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(start, Duration.ZERO)
                    .setUpdateIntervalMillis(250).setRenderer(renderer)
                    .setConsumer(new ConsoleProgressBarConsumer(stream) {
                        @Override
                        public int getMaxRenderedLength() {
                            // the terminal's width (less the library's margin), at most 100
                            int w = super.getMaxRenderedLength();
                            return w > 0 ? Math.min(w, MAX_WIDTH) : 79;
                        }
                    }).build();
        }

        @Override
        public void update(long done, String note) {
            bar.stepTo(done);
            if (note != null) {
                bar.setExtraMessage(note);
            }
        }

        @Override
        public void total(long newTotal) {
            bar.maxHint(newTotal);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines: one every {@code every} seconds, and one at the end. */
    static final class Lines extends ProgressDisplay {
        private final PrintStream stream;
        private final LongSupplier clock;
        private final long everyNanos;
        private final long t0;
        private long lastNanos;
        private long total;
        private long done;
        private String note;
        private boolean closed;

        Lines(String task, String unit, long total, long start, PrintStream stream, LongSupplier clock,
              double everySeconds) {
            super(task, unit, total, start);
            this.stream = stream;
            this.clock = clock;
            this.everyNanos = (long) (everySeconds * 1e9);
            this.total = total;
            this.done = start;
            this.t0 = clock.getAsLong();
            this.lastNanos = t0;
        }

        @Override
        public void update(long doneNow, String noteNow) {
            done = doneNow;
            if (noteNow != null) {
                note = noteNow;
            }
            long now = clock.getAsLong();
            if (stream != null && now - lastNanos >= everyNanos && done < total) {
                lastNanos = now;
                stream.println(plainLine(task, unit, done, total, start, Duration.ofNanos(now - t0), note, false));
                stream.flush();
            }
        }

        @Override
        public void total(long newTotal) {
            total = newTotal;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (stream != null) {
                stream.println(plainLine(task, unit, done, total, start, Duration.ofNanos(clock.getAsLong() - t0),
                        note, true));
                stream.flush();
            }
        }
    }
}
