package dev.bazaar.command.rules;

/**
 * A command that breaks a rule of the business: the aggregate refuses it and nothing changes.
 * The REST layer answers it with 409 Conflict.
 */
public class RuleViolation extends RuntimeException {

    public RuleViolation(String message) {
        super(message);
    }
}
