package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The keys of the MVStore maps (a document's {@code _id}, an index entry's {@link KeyValue}) and the
 * positions an index points at. H2's default type compares objects it does not know (every
 * {@code KeyValue}, so every lookup in the {@code _id} index) by Java-serialising both sides on each
 * comparison of a binary search; this one compares them as MongoDB orders values, ids that are
 * strings, as most are, directly.
 *
 * <p>Values MongoDB counts as equal but Java does not (the int 1 and the long 1 as {@code _id}) stay
 * apart, as they did in H2's type: ties are broken by class, then by encoding. An index's keys are
 * normalised by mongo-java-server before they reach the map, so its uniqueness is decided as before.
 */
final class MongoKeyType extends BasicDataType<Object> {

    static final MongoKeyType INSTANCE = new MongoKeyType();

    private static final byte MISSING = 0;
    private static final byte STRING = 1;
    private static final byte KEY_VALUE = 2;
    private static final byte UUID_VALUE = 3;
    private static final byte BSON_VALUE = 4;
    private static final String FIELD = "v";

    private static final ValueComparator MONGO_ORDER = ValueComparator.ascWithoutListHandling();

    private MongoKeyType() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a instanceof String textA && b instanceof String textB) {
            return textA.compareTo(textB);
        }
        if (a instanceof KeyValue keyA && b instanceof KeyValue keyB) {
            return compareKeyValues(keyA, keyB);
        }
        int byMongoOrder = MONGO_ORDER.compare(a, b);
        if (byMongoOrder != 0 || Objects.equals(a, b)) {
            return byMongoOrder;
        }
        int byClass = className(a).compareTo(className(b));
        return byClass != 0 ? byClass : compareEncodings(a, b);
    }

    private int compareKeyValues(KeyValue a, KeyValue b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byElement = compare(a.get(i), b.get(i));
            if (byElement != 0) {
                return byElement;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static String className(Object value) {
        return value == null ? "" : value.getClass().getName();
    }

    private int compareEncodings(Object a, Object b) {
        WriteBuffer encodedA = new WriteBuffer(64);
        WriteBuffer encodedB = new WriteBuffer(64);
        write(encodedA, a);
        write(encodedB, b);
        return encodedA.getBuffer().flip().compareTo(encodedB.getBuffer().flip());
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Missing) {
            buffer.put(MISSING);
        } else if (value instanceof String text) {
            buffer.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
        } else if (value instanceof KeyValue key) {
            buffer.put(KEY_VALUE).putVarInt(key.size());
            key.forEach(element -> write(buffer, element));
        } else if (value instanceof UUID uuid) {
            buffer.put(UUID_VALUE).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else {
            buffer.put(BSON_VALUE).put(BsonDocumentType.encode(new Document(FIELD, value)));
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte kind = buffer.get();
        return switch (kind) {
            case MISSING -> Missing.getInstance();
            case STRING -> DataUtils.readString(buffer);
            case KEY_VALUE -> readKeyValue(buffer);
            case UUID_VALUE -> new UUID(buffer.getLong(), buffer.getLong());
            case BSON_VALUE -> BsonDocumentType.INSTANCE.read(buffer).document().get(FIELD);
            default -> throw new IllegalStateException("Unknown key kind " + kind + " in the MongoDB data file");
        };
    }

    private KeyValue readKeyValue(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(read(buffer));
        }
        return new KeyValue(elements);
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof String text ? 40 + 2 * text.length() : 64;
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
