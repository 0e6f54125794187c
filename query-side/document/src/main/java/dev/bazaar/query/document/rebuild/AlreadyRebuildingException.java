package dev.bazaar.query.document.rebuild;

class AlreadyRebuildingException extends RuntimeException {

    AlreadyRebuildingException(String readModel, long generation) {
        super("Projection '" + readModel + "' is already rebuilding generation " + generation);
    }
}
