package dev.bazaar.query.graphql.support;

import dev.bazaar.api.common.PageRequest;
import java.util.List;

/** A page as the schema shows it: the read model's items and total, and where this page stands. */
public record PageOf<T>(List<T> items, long total, PageInfo page) {

    public static <T> PageOf<T> of(List<T> items, long total, PageRequest request) {
        boolean hasNext = request.offset() + items.size() < total;
        return new PageOf<>(items, total, new PageInfo(request.page(), request.size(), hasNext));
    }

    public record PageInfo(int page, int size, boolean hasNext) {
    }
}
