package dev.bazaar.api.common;

import java.util.regex.Pattern;

/**
 * The one rule every identifier in the system follows, so that ids supplied by clients (for
 * idempotent creation) are as safe in a URL, a routing key and a database key as generated ones.
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_LENGTH - 1) + "}");

    private Identifiers() {
    }

    public static String requireValid(String value, String name) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }
}
