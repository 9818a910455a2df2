package dev.lva.api.plugin;

import dev.lva.api.Messages;

/**
 * One option of an options record with a value it cannot take, thrown by the record's constructor.
 * It names the option by its component name; {@link Options#bind} renames it to the key the user
 * typed ({@code --checkpoint-every}, {@code checkpoint_every}, {@code momentum}), so a message says
 * which option was wrong, as written, and with which value.
 */
public final class InvalidOption extends IllegalArgumentException {
    private final String option;
    private final transient Object value;
    private final String rule;

    public InvalidOption(String option, Object value, String rule) {
        super(option + " " + rule + ", got " + Messages.shorten(value));
        this.option = option;
        this.value = value;
        this.rule = rule;
    }

    /** Fails with {@code "<option> <rule>, got <value>"} unless {@code ok}. */
    public static void require(boolean ok, String option, Object value, String rule) {
        if (!ok) {
            throw new InvalidOption(option, value, rule);
        }
    }

    /** The record component the value was for. */
    public String option() {
        return option;
    }

    public Object value() {
        return value;
    }

    /** What the value must be ({@code must be >= 0}). */
    public String rule() {
        return rule;
    }

    /** The message with the option named as {@code typed}. */
    public String messageFor(String typed) {
        return typed + " " + rule + ", got " + Messages.shorten(value);
    }
}
