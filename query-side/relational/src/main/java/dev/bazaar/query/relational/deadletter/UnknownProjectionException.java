package dev.bazaar.query.relational.deadletter;

/** A dead-letter call named a projection this service does not have. */
class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String name) {
        super("There is no projection named '" + name + "' in this service");
    }
}
