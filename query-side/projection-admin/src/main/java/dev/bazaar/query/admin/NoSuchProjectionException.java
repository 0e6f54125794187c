package dev.bazaar.query.admin;

/** A dead-letter call named a projection this service does not have. */
class NoSuchProjectionException extends RuntimeException {

    NoSuchProjectionException(String name) {
        super("There is no projection named '" + name + "' in this service");
    }
}
