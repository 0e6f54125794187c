package dev.bazaar.query.relational.rebuild;

/** An admin call named a projection this service does not have. */
class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String name) {
        super("There is no projection named '" + name + "' in this service");
    }
}
