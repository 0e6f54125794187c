package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Arrays;

/**
 * A document as a collection's map holds it: its BSON, which is what the file stores, and the document
 * decoded from it, kept once known.
 *
 * <p>Keeping the BSON is what makes a commit cheap: MVStore rewrites every page a commit touched, with
 * every document on it, and a page of these is written by copying bytes instead of encoding each
 * document again (that encoding was about a quarter of the server's CPU while a read model was
 * rebuilt). A page read from the file decodes a document only when it is asked for.
 */
final class StoredDocument {

    private final byte[] bson;
    private volatile Document decoded;

    private StoredDocument(byte[] bson, Document decoded) {
        this.bson = bson;
        this.decoded = decoded;
    }

    /** A document a command wrote, encoded once here; the document is kept as it is, so it must not change after. */
    static StoredDocument of(Document document) {
        return new StoredDocument(BsonDocumentType.encode(document), document);
    }

    /** A document read from the file, decoded when first asked for. */
    static StoredDocument ofBson(byte[] bson) {
        return new StoredDocument(bson, null);
    }

    /**
     * The document. mongo-java-server reads it and answers queries with it as it is, as its H2 backend
     * does with the documents of its map; the BSON stays what the file holds.
     */
    Document document() {
        Document document = decoded;
        if (document == null) {
            document = BsonDocumentType.decode(bson);
            decoded = document;
        }
        return document;
    }

    byte[] bson() {
        return bson;
    }

    int size() {
        return bson.length;
    }

    /** Whether {@code other} holds the same BSON, byte for byte: MongoDB's test for a replacement that changes nothing. */
    boolean sameBsonAs(byte[] other) {
        return Arrays.equals(bson, other);
    }
}
