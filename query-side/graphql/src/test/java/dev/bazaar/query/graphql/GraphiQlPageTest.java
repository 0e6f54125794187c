package dev.bazaar.query.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class GraphiQlPageTest extends EndpointTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void theGraphiqlPageAndEveryFileItLoadsComeFromTheApplication() {
        String page = web().get().uri("/graphiql").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();

        List<String> assets = ASSET.matcher(page).results().map(match -> match.group(1)).toList();
        assertThat(assets).contains("/webjars/graphiql/graphiql.min.js", "/webjars/graphiql/graphiql.min.css",
                "/webjars/react/umd/react.production.min.js", "/webjars/react-dom/umd/react-dom.production.min.js",
                "/webjars/graphql-ws/umd/graphql-ws.min.js");
        assertThat(assets).allSatisfy(asset -> assertThat(asset).startsWith("/webjars/"));
        for (String asset : assets) {
            byte[] body = web().get().uri(asset).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            assertThat(body).as(asset).hasSizeGreaterThan(1000);
        }
    }

    @Test
    void theSchemaIsPublishedForTools() {
        String schema = web().get().uri("/graphql/schema").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(schema).contains("orderStatus(minVersion: Long, orderId: ID!): Order!");
        Matcher query = Pattern.compile("type Query \\{").matcher(schema);
        assertThat(query.find()).isTrue();
    }
}
