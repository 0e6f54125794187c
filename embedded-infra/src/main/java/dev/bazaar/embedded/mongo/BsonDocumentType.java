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
 * commit rewrites the pages it touched, so each document on such a page was serialised again.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    /** One encoding buffer per thread (MVStore serialises pages on one thread), grown to the largest document. */
    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = BUFFERS.get().clear();
        writeDocument(document, bson);
        buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
    }

    /**
     * BSON as {@link BsonEncoder#encodeDocument} writes it, walking the entries instead of looking each
     * key up again and writing arrays directly instead of as documents built for the purpose: a commit
     * encodes every document on every page it touched, so this is the hot loop.
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

    @Override
    public Document read(ByteBuffer buffer) {
        ByteBuf bson = Unpooled.wrappedBuffer(buffer);
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        return document;
    }

    /**
     * What the page cache and page splits count a document as: a walk over its fields, not an encoding,
     * because MVStore asks on every put.
     */
    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object element : values) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof String text) {
            return 40 + text.length();
        }
        return 24;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
