package dev.bazaar.command.web;

import java.io.IOException;

/** A request body longer than {@code bazaar.http.max-body-size}, found while it was being read. */
class BodyTooLarge extends IOException {

    BodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
