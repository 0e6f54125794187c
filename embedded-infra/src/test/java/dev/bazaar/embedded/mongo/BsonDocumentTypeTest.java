package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** The data file's types on their own: the bytes they write and the order they keep. */
class BsonDocumentTypeTest {

    private final Document document = new Document("_id", "p-1")
            .append("name", "Lamp")
            .append("price", new Document("amount", 1999L).append("currency", "EUR"))
            .append("attributes", List.of(new Document("name", "colour").append("value", "red")))
            .append("rating", 4.5)
            .append("stock", 3)
            .append("changedAt", Instant.parse("2026-11-25T01:00:00Z"))
            .append("removed", false)
            .append("note", null);

    @Test
    void writesTheBytesMongoJavaServersEncoderWrites() {
        ByteBuf expected = Unpooled.buffer();
        BsonEncoder.encodeDocument(document, expected);
        WriteBuffer written = new WriteBuffer();
        BsonDocumentType.INSTANCE.write(written, StoredDocument.of(document));

        ByteBuffer bytes = written.getBuffer().flip();
        assertThat(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(bytes.duplicate()))).isEqualTo(ByteBufUtil.getBytes(expected));
        assertThat(BsonDocumentType.INSTANCE.read(bytes).document()).isEqualTo(document);
        assertThat(bytes.hasRemaining()).as("bytes left after the document").isFalse();
    }

    @Test
    void keysReadBackAsTheyWereWritten() {
        List<Object> keys = List.of("p-1", 7L, 7, 2.5, new ObjectId(), UUID.randomUUID(), Missing.getInstance(),
                new Document("tenant", "t"), new KeyValue("a", 1.0), new KeyValue(Arrays.asList(null, "b")));
        WriteBuffer written = new WriteBuffer();
        keys.forEach(key -> MongoKeyType.INSTANCE.write(written, key));
        ByteBuffer bytes = written.getBuffer().flip();
        for (Object key : keys) {
            assertThat(MongoKeyType.INSTANCE.read(bytes)).isEqualTo(key);
        }
    }

    @Test
    void ordersKeysAsMongoDbDoesAndKeepsJavaDistinctValuesApart() {
        MongoKeyType keys = MongoKeyType.INSTANCE;
        assertThat(keys.compare(1, 2L)).isNegative();
        assertThat(keys.compare(10L, "a")).as("numbers before strings").isNegative();
        assertThat(keys.compare("b", "a")).isPositive();
        assertThat(keys.compare(new KeyValue("a", 2.0), new KeyValue("a", 10.0))).isNegative();
        assertThat(keys.compare(new KeyValue("a", 2.0), new KeyValue("a", 2.0))).isZero();
        assertThat(keys.compare(1, 1L)).as("the int 1 and the long 1").isNotZero().isEqualTo(-keys.compare(1L, 1));
        assertThat(keys.compare(null, Missing.getInstance())).isNotZero().isEqualTo(-keys.compare(Missing.getInstance(), null));
    }
}
