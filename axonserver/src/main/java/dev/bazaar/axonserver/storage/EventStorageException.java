package dev.bazaar.axonserver.storage;

/** PostgreSQL failed to store or to read events; nothing of a failed append is stored. */
public class EventStorageException extends RuntimeException {

    EventStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
