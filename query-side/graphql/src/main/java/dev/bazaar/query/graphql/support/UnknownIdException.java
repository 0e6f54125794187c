package dev.bazaar.query.graphql.support;

/** The read model knows nothing by that id: the field is null and the answer carries a NOT_FOUND error. */
public class UnknownIdException extends RuntimeException {

    public UnknownIdException(String what) {
        super("no " + what);
    }
}
