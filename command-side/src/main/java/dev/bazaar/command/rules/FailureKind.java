package dev.bazaar.command.rules;

/** Why a command failed, in the terms a caller can act on; travels with the failure through Axon Server. */
public enum FailureKind {
    /** The command names an aggregate that does not exist. */
    NOT_FOUND,
    /** The command breaks a rule, or lost a race with another change to the same aggregate. */
    CONFLICT,
    /** The command itself is malformed. */
    INVALID
}
