package dev.bazaar.api.customer;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A customer registered. Revision 2 keeps the name as given name and family name (revision 1 had one
 * {@code name}); {@link CustomerRegisteredUpcaster} turns stored revision 1 events into this shape.
 *
 * <p>A full name is split at its last space: the family name is the last word, the given name what comes
 * before it ("Ann Marie Lee" is "Ann Marie" and "Lee"); a name of one word is a given name alone.
 */
@Revision("2")
public record CustomerRegistered(CustomerId customerId, String givenName, String familyName, Email email) {

    public CustomerRegistered {
        Objects.requireNonNull(givenName, "givenName is required");
        Objects.requireNonNull(familyName, "familyName is required");
    }

    /** From a full name, split as the class describes. */
    public CustomerRegistered(CustomerId customerId, String name, Email email) {
        this(customerId, givenNameOf(name), familyNameOf(name), email);
    }

    /** The full name: given name, a space, family name (the given name alone when there is no family name). */
    public String name() {
        return familyName.isEmpty() ? givenName : givenName + " " + familyName;
    }

    static String givenNameOf(String name) {
        String full = name.strip();
        int lastSpace = full.lastIndexOf(' ');
        return lastSpace < 0 ? full : full.substring(0, lastSpace).strip();
    }

    static String familyNameOf(String name) {
        String full = name.strip();
        int lastSpace = full.lastIndexOf(' ');
        return lastSpace < 0 ? "" : full.substring(lastSpace + 1);
    }
}
