package dev.bazaar.query.document.rebuild;

class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String readModel) {
        super("No projection named '" + readModel + "'");
    }
}
