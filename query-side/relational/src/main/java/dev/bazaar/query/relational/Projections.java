package dev.bazaar.query.relational;

import java.util.List;

/** The read models of this service; each is projected by the processor (processing group) of its name. */
public final class Projections {

    public static final List<String> NAMES = List.of("customers", "orders");

    private Projections() {
    }
}
