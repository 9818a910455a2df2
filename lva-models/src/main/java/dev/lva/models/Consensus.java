package dev.lva.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What several runs of one analysis that differ only in their seed agree on: the intrinsic dimension
 * most of them give, how many give it, and which give something else. The LV paper's curve keeps one
 * dimension with most seeds and two with seed 0 (PyTorch does the same), so one seed's count is not
 * the data's; a count that every seed gives is. A collapsed run counts as 0.
 *
 * @param count    the count most runs give; -1 when the largest groups are of equal size (no consensus)
 * @param agreeing how many runs give it (the size of the largest group)
 * @param runs     how many runs there are
 * @param bySeed   each seed's count, in the order given
 * @param text     the verdict in words, e.g. {@code 1 (2 of 3 seeds: 1, 2; seed 0 gives 2)}
 */
public record Consensus(int count, int agreeing, int runs, Map<Long, Integer> bySeed, String text) {

    /** @param counts each seed's intrinsic dimension, in the order the seeds were given */
    public static Consensus of(Map<Long, IntrinsicDimension> counts) {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("a consensus needs at least one run");
        }
        Map<Long, Integer> bySeed = new java.util.LinkedHashMap<>();
        counts.forEach((seed, d) -> bySeed.put(seed, d.collapsed() ? 0 : d.count()));
        Map<Integer, List<Long>> groups = new TreeMap<>();
        bySeed.forEach((seed, k) -> groups.computeIfAbsent(k, x -> new ArrayList<>()).add(seed));
        int largest = groups.values().stream().mapToInt(List::size).max().orElse(0);
        List<Integer> modes = groups.entrySet().stream().filter(e -> e.getValue().size() == largest)
                .map(Map.Entry::getKey).toList();
        int runs = bySeed.size();
        if (modes.size() > 1) {
            List<String> parts = new ArrayList<>();
            groups.forEach((k, seeds) -> parts.add(k + " (" + seedList(seeds) + ")"));
            return new Consensus(-1, largest, runs, bySeed, "none: the seeds split evenly, " + String.join(" against ",
                    parts));
        }
        int k = modes.get(0);
        List<Long> agree = groups.get(k);
        String text;
        if (agree.size() == runs) {
            text = k + (runs == 1 ? " (one seed)" : " (every seed: " + seedList(agree) + ")");
        } else {
            List<String> others = new ArrayList<>();
            groups.forEach((other, seeds) -> {
                if (other != k) {
                    others.add(seedList(seeds) + (seeds.size() == 1 ? " gives " : " give ") + other);
                }
            });
            text = k + " (" + agree.size() + " of " + runs + " seeds: " + String.join(", ",
                    agree.stream().map(String::valueOf).toList()) + "; " + String.join("; ", others) + ")";
        }
        return new Consensus(k, agree.size(), runs, bySeed, text);
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
