package dev.lva.run.study;

import dev.lva.api.LvaException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The data sets of the LV paper's comparison that a study can run on: Fashion-MNIST (real images
 * with class labels, for downstream accuracy) and synthetic images of a known dimension (one shape
 * under random transforms, whose true parameters the codes should recover).
 */
public enum StudyData {
    /** Fashion-MNIST's training images, padded to 32 x 32, with their labels where installed. */
    FASHION("fashion"),
    /** {@code lva synth}'s images of one shape under five varied transforms, generated into the study folder. */
    SYNTH("synth");

    private final String key;

    StudyData(String key) {
        this.key = key;
    }

    /** The name on the command line and of the data set's sweep folder. */
    public String key() {
        return key;
    }

    /** Every name, in the order the study runs them. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(StudyData::key).toList();
    }

    /**
     * The data set named {@code text}.
     *
     * @param where the option as the user gave it, for the message
     */
    public static StudyData parse(String text, String where) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (StudyData d : values()) {
            if (d.key.equals(t)) {
                return d;
            }
        }
        throw new LvaException(where + " '" + text + "': no such data set; a study runs on " + String.join(", ",
                keys()));
    }
}
