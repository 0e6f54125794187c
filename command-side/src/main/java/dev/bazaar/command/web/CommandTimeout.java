package dev.bazaar.command.web;

/** No answer to a command within the configured time: Axon Server or the handler is not reachable. */
class CommandTimeout extends RuntimeException {

    CommandTimeout(Object command) {
        super("No answer to " + command.getClass().getSimpleName() + " in time; try again later");
    }
}
