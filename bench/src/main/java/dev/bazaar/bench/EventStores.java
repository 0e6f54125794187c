package dev.bazaar.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.json.JacksonSerializer;

/** The two contenders, each the stock Axon way of using it, with the same serializer. */
final class EventStores {

    private EventStores() {
    }

    /** An application's event store on Axon Server (here: the node), as Axon Framework builds it. */
    static final class Node implements AutoCloseable {

        private final AxonServerConnectionManager connections;
        final AxonServerEventStore eventStore;

        Node(String servers) {
            AxonServerConfiguration configuration = AxonServerConfiguration.builder()
                    .servers(servers).componentName("bench").clientId("bench-" + UUID.randomUUID())
                    .suppressDownloadMessage().build();
            connections = AxonServerConnectionManager.builder().axonServerConfiguration(configuration).build();
            connections.start();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            eventStore = AxonServerEventStore.builder().configuration(configuration).platformConnectionManager(connections)
                    .eventSerializer(serializer).snapshotSerializer(serializer).snapshotFilter(SnapshotFilter.allowAll()).build();
        }

        @Override
        public void close() {
            connections.shutdown();
        }
    }

    /** Axon's JdbcEventStorageEngine with its PostgreSQL table layout, under an EmbeddedEventStore. */
    static final class Jdbc implements AutoCloseable {

        private final HikariDataSource dataSource = new HikariDataSource();
        final EmbeddedEventStore eventStore;

        Jdbc(String jdbcUrl, String username) {
            dataSource.setJdbcUrl(jdbcUrl);
            dataSource.setUsername(username);
            dataSource.setMaximumPoolSize(16);
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new DataSourceConnectionProvider(dataSource))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer).snapshotSerializer(serializer)
                    .build();
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
            eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        }

        @Override
        public void close() {
            eventStore.shutDown();
            dataSource.close();
        }
    }
}
