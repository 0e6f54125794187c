package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Stores a collection's documents in the MVStore file as BSON, with the same encoder and decoder that
 * mongo-java-server uses on the wire, so a document reads back exactly as a client's write decoded it.
 * H2's default (Java serialisation, class descriptors and all) was most of the server's CPU: every
 * commit rewrites the pages it touched, so each document on such a page was serialised again. A
 * document is encoded once, when it is written ({@link StoredDocument}), and a page is written by
 * copying those bytes.
 */
final class BsonDocumentType extends BasicDataType<StoredDocument> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    /**
     * What the page cache counts per byte of BSON: the bytes and the document decoded from them, which
     * takes about four times the room of its BSON on the heap.
     */
    private static final int MEMORY_PER_BSON_BYTE = 5;

    /** One encoding buffer per thread, grown to the largest document. */
    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buffer, StoredDocument document) {
        buffer.put(document.bson());
    }

    /** The document's BSON, byte for byte as {@link BsonEncoder#encodeDocument} writes it. */
    static byte[] encode(Map<String, ?> document) {
        ByteBuf bson = BUFFERS.get().clear();
        writeDocument(document, bson);
        byte[] bytes = new byte[bson.readableBytes()];
        bson.getBytes(bson.readerIndex(), bytes);
        return bytes;
    }

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /**
     * BSON as {@link BsonEncoder#encodeDocument} writes it, walking the entries instead of looking each
     * key up again and writing arrays directly instead of as documents built for the purpose: every
     * document a command writes is encoded here.
     */
    private static void writeDocument(Map<String, ?> document, ByteBuf bson) {
        int start = bson.writerIndex();
        bson.writeIntLE(0);
        for (Map.Entry<String, ?> field : document.entrySet()) {
            writeField(field.getKey(), field.getValue(), bson);
        }
        bson.writeByte(0);
        bson.setIntLE(start, bson.writerIndex() - start);
    }

    private static void writeArray(Collection<?> elements, ByteBuf bson) {
        int start = bson.writerIndex();
        bson.writeIntLE(0);
        int index = 0;
        for (Object element : elements) {
            writeField(Integer.toString(index++), element, bson);
        }
        bson.writeByte(0);
        bson.setIntLE(start, bson.writerIndex() - start);
    }

    private static void writeField(String name, Object value, ByteBuf bson) {
        byte type = BsonEncoder.determineType(value);
        bson.writeByte(type);
        bson.writeCharSequence(name, StandardCharsets.UTF_8);
        bson.writeByte(0);
        if (value instanceof Document embedded) {
            writeDocument(embedded, bson);
        } else if (value instanceof Collection<?> elements && type == BsonConstants.TYPE_ARRAY) {
            writeArray(elements, bson);
        } else {
            BsonEncoder.encodeValue(type, value, bson);
        }
    }

    /** Reads a document's BSON (its first four bytes are its length) without decoding it. */
    @Override
    public StoredDocument read(ByteBuffer buffer) {
        // BSON's length is little-endian, MVStore's buffers big-endian.
        byte[] bson = new byte[Integer.reverseBytes(buffer.getInt(buffer.position()))];
        buffer.get(bson);
        return StoredDocument.ofBson(bson);
    }

    /** What the page cache and page splits count a document as; MVStore asks on every put. */
    @Override
    public int getMemory(StoredDocument document) {
        return 48 + MEMORY_PER_BSON_BYTE * document.size();
    }

    @Override
    public StoredDocument[] createStorage(int size) {
        return new StoredDocument[size];
    }
}
