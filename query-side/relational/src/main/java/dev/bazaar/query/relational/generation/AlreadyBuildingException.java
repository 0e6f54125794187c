package dev.bazaar.query.relational.generation;

/** A rebuild was asked for while a generation of the read model is still being built. */
public class AlreadyBuildingException extends RuntimeException {

    public AlreadyBuildingException(String readModel, int generation) {
        super(readModel + " is already being rebuilt (generation " + generation + ")");
    }
}
