package dev.lva.core.data;

import java.util.ArrayList;
import java.util.List;

/** Checks on a selection of columns that CSV and .npy files share. */
final class Columns {
    private Columns() {
    }

    /**
     * Refuses a selection that names one column twice ({@code a,a}, or {@code a} and its index): the
     * data would hold the same values twice under one name, and a model would learn nothing from it.
     *
     * @param indices the selected columns' indices, in the order asked
     * @param asked   the selection as the user wrote it
     * @param names   the file's column names
     */
    static void requireDistinct(String source, int[] indices, List<String> asked, List<String> names) {
        int[] firstAt = new int[names.size()];
        for (int i = 0; i < indices.length; i++) {
            int j = indices[i];
            if (firstAt[j] > 0) {
                String first = asked.get(firstAt[j] - 1).strip();
                String again = asked.get(i).strip();
                throw new DataException(source + ": column " + (j + 1) + " (" + names.get(j) + ") is selected twice"
                        + (first.equals(again) ? " ('" + first + "')" : ", as '" + first + "' and as '" + again + "'"));
            }
            firstAt[j] = i + 1;
        }
    }

    /** Names for a message: all of a short list, the first 10 and last 3 of a long one, with the count. */
    static String list(List<String> names) {
        if (names.size() <= 20) {
            return names.toString();
        }
        return "[" + String.join(", ", names.subList(0, 10)) + ", ..., "
                + String.join(", ", names.subList(names.size() - 3, names.size())) + "] (" + names.size() + " columns)";
    }

    /** The names of {@code wanted} that {@code have} lacks. */
    static List<String> missing(List<String> wanted, List<String> have) {
        java.util.Set<String> present = new java.util.HashSet<>(have);
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            if (!present.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
