package dev.lva.core.synth;

import dev.lva.api.LvaException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The range each parameter is drawn from, uniformly; a parameter without a range keeps its identity
 * value (no rotation, scale 1). A parameter is varied when its range has width: the true dimension
 * of the images is the number varied.
 */
public final class TransformRanges {
    /** A closed range {@code [lo, hi]}. */
    public record Range(double lo, double hi) {
        public Range {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
                throw new LvaException("a parameter range needs finite lo <= hi, got [" + lo + ", " + hi + "]");
            }
        }

        public boolean varies() {
            return hi > lo;
        }
    }

    private final Map<Parameter, Range> ranges;

    private TransformRanges(Map<Parameter, Range> ranges) {
        this.ranges = Collections.unmodifiableMap(new EnumMap<>(ranges));
    }

    /** No parameter varies: every image is the source. */
    public static TransformRanges none() {
        return new TransformRanges(new EnumMap<>(Parameter.class));
    }

    /** These ranges with {@code p} drawn from {@code [lo, hi]}. */
    public TransformRanges with(Parameter p, double lo, double hi) {
        Map<Parameter, Range> m = new EnumMap<>(Parameter.class);
        m.putAll(ranges);
        Range r = new Range(lo, hi);
        if (p == Parameter.SCALE && !(lo > 0)) {
            throw new LvaException("the scale range must be above 0, got [" + lo + ", " + hi + "]");
        }
        if (p == Parameter.SATURATION && lo < 0) {
            throw new LvaException("the saturation range must be >= 0, got [" + lo + ", " + hi + "]");
        }
        if (p == Parameter.SHEAR && Math.max(Math.abs(lo), Math.abs(hi)) >= 90) {
            throw new LvaException("the shear range must lie within (-90, 90) degrees, got [" + lo + ", " + hi + "]");
        }
        m.put(p, r);
        return new TransformRanges(m);
    }

    /**
     * The LV paper's kind of set: rotation +-45 degrees, translation +-15% each way, scale 0.7..1.1,
     * shear +-20 degrees, and on colour images hue +-0.25 turn and saturation 0.3..1.
     */
    public static TransformRanges defaults(boolean colour) {
        TransformRanges r = none().with(Parameter.ROTATION, -45, 45).with(Parameter.TRANSLATE_X, -0.15, 0.15)
                .with(Parameter.TRANSLATE_Y, -0.15, 0.15).with(Parameter.SCALE, 0.7, 1.1)
                .with(Parameter.SHEAR, -20, 20);
        return colour ? r.with(Parameter.HUE, -0.25, 0.25).with(Parameter.SATURATION, 0.3, 1) : r;
    }

    /** The range of {@code p}: its identity value alone when it has none. */
    public Range range(Parameter p) {
        Range r = ranges.get(p);
        return r != null ? r : new Range(p.identity(), p.identity());
    }

    /** The parameters whose range has width, in {@link Parameter} order. */
    public List<Parameter> varied() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
            if (range(p).varies()) {
                out.add(p);
            }
        }
        return out;
    }

    /** The true dimension of images drawn with these ranges: the number of varied parameters. */
    public int trueDimension() {
        return varied().size();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Parameter p : Parameter.values()) {
            Range r = range(p);
            s.append(s.length() == 0 ? "" : ", ").append(p.key()).append(r.varies() ? " [" + r.lo() + ", " + r.hi()
                    + "]" : " = " + r.lo());
        }
        return s.toString();
    }
}
