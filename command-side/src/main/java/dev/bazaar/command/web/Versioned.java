package dev.bazaar.command.web;

/**
 * What a successful command answers: the aggregate's id and its version after the command, which
 * is the sequence number of its last event. A read model that has reached this version of the
 * aggregate shows the change.
 */
public record Versioned(String id, long version) {

    /** A newly created aggregate has exactly one event, at sequence number 0. */
    public static Versioned created(Object id) {
        return new Versioned(id.toString(), 0);
    }
}
