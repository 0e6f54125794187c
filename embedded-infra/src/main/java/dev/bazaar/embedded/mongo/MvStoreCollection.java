package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.ImmutableFieldException;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * A collection in an MVStore map of {@link StoredDocument}s, keyed by {@code _id}, with its data size
 * in a second map. It is mongo-java-server's {@code H2Collection} (same maps, same keys, same file
 * format) with three differences:
 * <ul>
 * <li>the data size is counted from the BSON each document is stored as, which the library would
 *     encode once more per document to measure it;</li>
 * <li>a replacement of a whole document named by its {@code _id} ({@code replaceOne} by id, with or
 *     without upsert: every write of the catalog read model) takes a path of its own, see
 *     {@link #updateDocuments};</li>
 * <li>documents the {@code _id} index found for a query on {@code _id} alone are not matched against
 *     the query again, see {@link #matchDocuments(Document, Iterable, Document, int, int, int, Document)}.</li>
 * </ul>
 */
final class MvStoreCollection extends AbstractSynchronizedMongoCollection<Object> {

    private static final String ID = "_id";
    private static final String DATA_SIZE_KEY = "dataSize";

    private final MVMap<Object, StoredDocument> documents;
    private final MVMap<String, Object> counts;

    MvStoreCollection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, StoredDocument> documents,
                      MVMap<String, Object> counts, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.documents = documents;
        this.counts = counts;
        counts.putIfAbsent(DATA_SIZE_KEY, 0L);
    }

    /**
     * A replacement of a whole document named by its {@code _id} alone is applied here; every other
     * update goes to mongo-java-server. The library, for each replaced document, copies it deeply,
     * compares the old and the new one field by field, encodes both to measure them and copies the new
     * fields into the old document: about 40% of this server's CPU when the catalog was rebuilt. Here
     * the new document is encoded once (the file needs its BSON anyway) and compared with the stored
     * BSON byte for byte, as MongoDB decides whether a replacement modified a document. The outcome is
     * the library's: {@code _id} first, then the replacement's fields in its order; an {@code _id} in the
     * replacement that differs is refused; unique indexes are checked and updated as the library does;
     * a missing document is inserted when asked to (upsert). Unlike the library, field names with dots
     * are accepted, as MongoDB 5 accepts them.
     */
    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean multi,
                                                 boolean upsert, Oplog oplog) {
        Object id = replacedId(selector, update, arrayFilters, multi);
        if (id == null) {
            return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
        }
        Document replacement = withIdFirst(id, update);
        Utils.validateFieldNames(replacement);
        StoredDocument stored = documents.get(id);
        Document result = new Document();
        if (stored == null) {
            if (upsert) {
                addDocument(replacement);
                result.put("upserted", id);
                oplog.handleInsert(getFullName(), List.of(replacement));
            } else {
                oplog.handleUpdate(getFullName(), selector, update, List.of());
            }
            result.put("n", 0);
            result.put("nModified", 0);
            return result;
        }
        boolean modified = replace(id, stored, replacement);
        oplog.handleUpdate(getFullName(), selector, update, modified ? List.of(id) : List.of());
        result.put("n", 1);
        result.put("nModified", modified ? 1 : 0);
        return result;
    }

    /**
     * The {@code _id} a whole-document replacement names, or null for any other update: the selector is
     * {@code {_id: value}} alone, with a string or an ObjectId (whose stored key is the value itself; a
     * number could be stored under another type that MongoDB counts as equal), and the update has no
     * operator.
     */
    private Object replacedId(Document selector, Document update, ArrayFilters arrayFilters, boolean multi) {
        if (multi || !arrayFilters.isEmpty() || !ID.equals(getIdField()) || selector.size() != 1) {
            return null;
        }
        Object id = selector.get(ID);
        if (!(id instanceof String || id instanceof ObjectId)) {
            return null;
        }
        for (String field : update.keySet()) {
            if (field.startsWith("$")) {
                return null;
            }
        }
        return id;
    }

    private static Document withIdFirst(Object id, Document update) {
        Object idInUpdate = update.get(ID);
        if (idInUpdate != null && !Objects.equals(idInUpdate, id)) {
            throw new ImmutableFieldException("After applying the update, the (immutable) field '_id' was found to have been altered to _id: "
                    + idInUpdate);
        }
        Document replacement = new Document(ID, id);
        for (Map.Entry<String, Object> field : update.entrySet()) {
            if (!ID.equals(field.getKey())) {
                replacement.put(field.getKey(), field.getValue());
            }
        }
        return replacement;
    }

    /** Replaces the stored document unless it has the same BSON; answers whether it did. */
    private boolean replace(Object id, StoredDocument stored, Document replacement) {
        StoredDocument replaced = StoredDocument.of(replacement);
        if (stored.sameBsonAs(replaced.bson())) {
            return false;
        }
        if (hasUniqueIndexBeyondId()) {
            Document old = stored.document();
            for (Index<Object> index : getIndexes()) {
                index.checkUpdate(old, replacement, this);
            }
            for (Index<Object> index : getIndexes()) {
                index.updateInPlace(old, replacement, id, this);
            }
        }
        documents.put(id, replaced);
        updateDataSize(replaced.size() - stored.size());
        return true;
    }

    private boolean hasUniqueIndexBeyondId() {
        for (Index<Object> index : getIndexes()) {
            List<IndexKey> keys = index.getKeys();
            if (index.isUnique() && !(keys.size() == 1 && ID.equals(keys.get(0).getKey()))) {
                return true;
            }
        }
        return false;
    }

    /** The data size is kept by this class from the stored BSON, see {@link #addDocumentInternal} and the others. */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        if (sizeDelta != 0) {
            synchronized (counts) {
                counts.put(DATA_SIZE_KEY, ((Number) counts.get(DATA_SIZE_KEY)).longValue() + sizeDelta);
            }
        }
    }

    @Override
    protected int getDataSize() {
        return ((Number) counts.get(DATA_SIZE_KEY)).intValue();
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Missing.ofNullable(Utils.getSubdocumentValue(document, getIdField())) : UUID.randomUUID();
        StoredDocument stored = StoredDocument.of(document);
        StoredDocument previous = documents.putIfAbsent(key, stored);
        if (previous != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        updateDataSize(stored.size());
        return key;
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        StoredDocument stored = documents.get(position);
        return stored == null ? null : stored.document();
    }

    @Override
    protected void removeDocument(Object position) {
        StoredDocument removed = documents.remove(position);
        if (removed == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
        updateDataSize(-removed.size());
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        StoredDocument updated = StoredDocument.of(newDocument);
        StoredDocument previous = documents.put(Missing.ofNullable(position), updated);
        updateDataSize(updated.size() - (previous == null ? 0 : previous.size()));
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream().map(entry -> new DocumentWithPosition<>(entry.getValue().document(), entry.getKey()));
    }

    /**
     * Documents the {@code _id} index found for a query on {@code _id} alone, by one string or ObjectId or
     * {@code $in} a list of them, are exactly those that match: such values are equal in the index only
     * when they are equal to the query. The library matches each found document against the query all the
     * same, and for {@code $in} it compares the document's {@code _id} with every listed value, normalising
     * each through a stream: a batch's lookup of 1,000 products by id was a million comparisons, the
     * largest single cost of this server in a catalog rebuild. Such documents are matched against an
     * empty query, which every document matches.
     */
    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        return super.matchDocuments(foundExactlyById(query) ? new Document() : query, positions, orderBy, numberToSkip, limit,
                batchSize, fieldSelector);
    }

    private boolean foundExactlyById(Document query) {
        if (query.size() != 1 || !ID.equals(getIdField())) {
            return false;
        }
        Object value = query.get(ID);
        if (value instanceof Document expression) {
            return expression.size() == 1 && expression.get("$in") instanceof Collection<?> values
                    && values.stream().allMatch(MvStoreCollection::comparesExactly);
        }
        return comparesExactly(value);
    }

    /** Values whose stored key is the value itself and that equal no value of another type, unlike numbers. */
    private static boolean comparesExactly(Object value) {
        return value instanceof String || value instanceof ObjectId;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> all = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition().sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : documents.values().stream().map(StoredDocument::document);
        return matchDocumentsFromStream(all, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
