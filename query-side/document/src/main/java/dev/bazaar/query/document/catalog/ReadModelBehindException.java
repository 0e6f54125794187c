package dev.bazaar.query.document.catalog;

/** A read-your-writes query gave up: the read model had not applied the version the caller asked for in time. */
class ReadModelBehindException extends RuntimeException {

    ReadModelBehindException(String message) {
        super(message);
    }
}
