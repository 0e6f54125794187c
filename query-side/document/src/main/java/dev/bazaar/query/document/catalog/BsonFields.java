package dev.bazaar.query.document.catalog;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Reading and writing the catalog's documents as Spring Data lays them out: absent fields for nulls,
 * {@link Date} for instants, numbers read whatever width they were stored with.
 */
final class BsonFields {

    private BsonFields() {
    }

    static Document withoutNulls(Document document) {
        document.values().removeIf(value -> value == null);
        return document;
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    static long longOf(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    static int intOf(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    static List<Document> list(Document document, String field) {
        List<Document> list = document.getList(field, Document.class);
        return list == null ? List.of() : list;
    }
}
