package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A database whose collections and indexes are MVStore maps with BSON documents and MongoDB-ordered
 * keys ({@link BsonDocumentType}, {@link MongoKeyType}). It is mongo-java-server's {@code H2Database}
 * with those types and {@link MapNames}: that class opens its maps with H2's default types and cannot
 * be given others. Collections are {@link MvStoreCollection}s over these maps.
 */
final class MvStoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    private final MVStore store;

    MvStoreDatabase(String name, MVStore store, CursorRegistry cursorRegistry) {
        super(name, cursorRegistry);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    static MVMap<Object, StoredDocument> documentsMap(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<Object, StoredDocument>()
                .keyType(MongoKeyType.INSTANCE).valueType(BsonDocumentType.INSTANCE));
    }

    static MVMap<Object, Object> indexMap(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<>().keyType(MongoKeyType.INSTANCE).valueType(MongoKeyType.INSTANCE));
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<String, Object> counts = store.openMap(MapNames.counts(namespace));
        return new MvStoreCollection(this, collectionName, options, documentsMap(store, MapNames.documents(namespace)), counts,
                cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVMap<Object, Object> entries = indexMap(store, MapNames.index(getFullCollectionNamespace(collectionName), indexName));
        return new MvStoreUniqueIndex(entries, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store.removeMap(MapNames.index(collection.getFullName(), indexName));
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String namespace = getFullCollectionNamespace(collectionName);
        store.removeMap(MapNames.documents(namespace));
        store.removeMap(MapNames.counts(namespace));
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        store.getMapNames().stream().filter(mapName -> MapNames.belongsTo(mapName, databaseName)).toList().forEach(store::removeMap);
    }

    /** Renames the collection's maps, its indexes' too, so that they are found under the new name after a restart. */
    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldNamespace = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newNamespace = getFullCollectionNamespace(newCollectionName);
        rename(MapNames.documents(oldNamespace), MapNames.documents(newNamespace));
        rename(MapNames.counts(oldNamespace), MapNames.counts(newNamespace));
        String oldIndexes = MapNames.index(oldNamespace, "");
        store.getMapNames().stream().filter(mapName -> mapName.startsWith(oldIndexes)).toList().forEach(mapName ->
                rename(mapName, MapNames.index(newNamespace, mapName.substring(oldIndexes.length()))));
    }

    private void rename(String from, String to) {
        if (store.hasMap(from)) {
            store.renameMap(store.openMap(from), to);
        }
    }

    @Override
    protected long getStorageSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
