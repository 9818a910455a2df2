package dev.lva.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What several runs of one analysis that differ only in their seed agree on: the intrinsic dimension
 * most of them give, how many give it, and which give something else. The LV paper's curve keeps one
 * dimension with most seeds and two with seed 0 (PyTorch does the same), so one seed's count is not
 * the data's; a count that every seed gives is. A run without a count (a collapsed code, data
 * without variance) gives none, never 0: its seeds form a group of their own, named {@code none}.
 *
 * @param count    the count most runs give; -1 when the largest groups are of equal size (no consensus)
 *                 or when most runs have no count
 * @param agreeing how many runs give it (the size of the largest group)
 * @param runs     how many runs there are
 * @param bySeed   each seed's count, in the order given; null for a run without a count
 * @param text     the verdict in words, e.g. {@code 1 (2 of 3 seeds: 1, 2; seed 0 gives 2)}
 */
public record Consensus(int count, int agreeing, int runs, Map<Long, Integer> bySeed, String text) {

    /** @param counts each seed's intrinsic dimension, in the order the seeds were given */
    public static Consensus of(Map<Long, IntrinsicDimension> counts) {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("a consensus needs at least one run");
        }
        Map<Long, Integer> bySeed = new java.util.LinkedHashMap<>();
        counts.forEach((seed, d) -> bySeed.put(seed, d.counted() ? d.count() : null));
        Map<Integer, List<Long>> groups = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        bySeed.forEach((seed, k) -> groups.computeIfAbsent(k, x -> new ArrayList<>()).add(seed));
        int largest = groups.values().stream().mapToInt(List::size).max().orElse(0);
        List<Integer> modes = new ArrayList<>();
        groups.forEach((k, seeds) -> {
            if (seeds.size() == largest) {
                modes.add(k);
            }
        });
        int runs = bySeed.size();
        if (modes.size() > 1) {
            List<String> parts = new ArrayList<>();
            groups.forEach((k, seeds) -> parts.add(name(k) + " (" + seedList(seeds) + ")"));
            return new Consensus(-1, largest, runs, bySeed, "none: the seeds split evenly, " + String.join(" against ",
                    parts));
        }
        Integer k = modes.get(0);
        List<Long> agree = groups.get(k);
        String text;
        if (agree.size() == runs) {
            text = name(k) + (runs == 1 ? " (one seed)" : " (every seed: " + seedList(agree) + ")");
        } else {
            List<String> others = new ArrayList<>();
            groups.forEach((other, seeds) -> {
                if (!Objects.equals(other, k)) {
                    others.add(seedList(seeds) + (seeds.size() == 1 ? " gives " : " give ") + name(other));
                }
            });
            text = name(k) + " (" + agree.size() + " of " + runs + " seeds: " + String.join(", ",
                    agree.stream().map(String::valueOf).toList()) + "; " + String.join("; ", others) + ")";
        }
        return new Consensus(k == null ? -1 : k, agree.size(), runs, bySeed, text);
    }

    /** A count, or {@code none} for runs without one. */
    private static String name(Integer k) {
        return k == null ? "none" : k.toString();
    }

    /** Whether every run gives the same count. */
    public boolean unanimous() {
        return agreeing == runs;
    }

    private static String seedList(List<Long> seeds) {
        return (seeds.size() == 1 ? "seed " : "seeds ") + String.join(", ", seeds.stream().map(String::valueOf)
                .toList());
    }
}
