package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedMongoAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedMongoAutoConfiguration.class, MongoAutoConfiguration.class));

    @Test
    void whenEnabledWithoutAUriPointsTheMongoClientAtTheEmbeddedServer() {
        contexts.withPropertyValues("bazaar.embedded-mongo.enabled=true", "spring.data.mongodb.database=catalog")
                .run(context -> {
                    EmbeddedMongoServer server = context.getBean(EmbeddedMongoServer.class);
                    assertThat(context.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString())
                            .isEqualTo("mongodb://localhost:" + server.port() + "/catalog");
                    Document pong = context.getBean(MongoClient.class).getDatabase("catalog").runCommand(new Document("ping", 1));
                    assertThat(pong.get("ok")).isIn(1, 1.0);
                });
    }

    @Test
    void aConfiguredUriWins() {
        contexts.withPropertyValues("bazaar.embedded-mongo.enabled=true", "spring.data.mongodb.uri=mongodb://db.example:27017/catalog")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class);
                    assertThat(context.getBean(MongoConnectionDetails.class).getConnectionString().getHosts())
                            .containsExactly("db.example:27017");
                });
    }

    @Test
    void staysOffUnlessTheServiceAsksForIt() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class));
    }
}
