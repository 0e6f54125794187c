package dev.bazaar.command.web;

import dev.bazaar.api.common.Identifiers;

/** The shape of an id a client may supply, for Bean Validation of request bodies. */
public final class Ids {

    /** Mirrors {@link Identifiers}: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    public static final String MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private Ids() {
    }
}
