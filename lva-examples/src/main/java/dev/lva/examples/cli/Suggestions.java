package dev.lva.examples.cli;

import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a mistyped option or command most likely meant, by edit distance with transpositions
 * ({@code fti} is one swap from {@code fit}; picocli's own guess, by shared letter pairs, offered
 * {@code activations}).
 */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The error's line, in the user's words where picocli's would mislead: a word that is no command of
     * a command that has some is an unknown command ({@code unknown command 'synth'}, not picocli's
     * "Unmatched argument at index 0"). (A folder named like a command after {@code --plugins} is that
     * option's value: Lva allows subcommands as option parameters.)
     */
    public static String message(CommandLine.ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-") && !spec.subcommands().isEmpty()) {
            String typed = u.getUnmatched().get(0);
            return "unknown command '" + typed + "' (" + spec.qualifiedName() + " has no command of that name)";
        }
        return e.getMessage();
    }

    /**
     * {@code did you mean --epochs?} for {@code --epoch}, {@code did you mean 'lva fit'?} for
     * {@code lva fti}; null when nothing is close.
     */
    public static String of(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return null;
        }
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String typed = u.getUnmatched().get(0);
        if (typed.startsWith("-")) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            RunOption run = RunOptions.find(name);
            if (run != null && !run.fitFlag() && spec.name().equals("fit") && name.equals(run.flag())) {
                // a run option lva sweep has a flag for and lva fit takes from its config file only
                return run.flag() + " is set in a config file for lva fit ('" + run.kebab() + ": VALUE' under "
                        + run.group().key() + ": in --config FILE); lva sweep takes " + run.flag();
            }
            List<String> names = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    names.addAll(List.of(o.names()));
                }
            }
            List<String> close = closest(name, names);
            return close.isEmpty() ? null : "did you mean " + String.join(" or ", close) + "?";
        }
        List<String> close = closest(typed, spec.subcommands().keySet());
        if (close.isEmpty()) {
            return null;
        }
        List<String> shown = new ArrayList<>();
        for (String c : close) {
            shown.add("'" + spec.qualifiedName() + " " + c + "'");
        }
        return "did you mean " + String.join(" or ", shown) + "?";
    }

    /** The candidates nearest to {@code typed}, at most three, within a third of its length (at least 2 edits). */
    static List<String> closest(String typed, Collection<String> candidates) {
        int limit = Math.max(2, typed.length() / 3);
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d > limit || d > best) {
                continue;
            }
            if (d < best) {
                out.clear();
                best = d;
            }
            out.add(c);
        }
        out.sort(Comparator.naturalOrder());
        return out.subList(0, Math.min(3, out.size()));
    }

    /** Edit distance counting an insertion, a deletion, a substitution or a swap of neighbours as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
