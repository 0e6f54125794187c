package dev.bazaar.command.rules;

/**
 * The details of a {@code CommandExecutionException}: Axon Server carries only the message and
 * these details back to the sender, never the handler's exception itself.
 */
public record CommandFailure(FailureKind kind, String message) {
}
