package dev.bazaar.api.common;

/** A page of a query's results: page numbers start at 0, sizes are bounded so no query returns everything. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    public long offset() {
        return (long) page * size;
    }
}
