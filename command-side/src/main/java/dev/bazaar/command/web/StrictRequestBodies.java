package dev.bazaar.command.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.util.List;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a request body with a field the endpoint does not know ({@code "stock"} where {@code
 * "initialStock"} is meant) with 400 naming the field, instead of ignoring it and acting on defaults.
 *
 * <p>Only the REST bodies are read strictly: the application's shared {@code ObjectMapper} stays lenient,
 * because Axon's serializer reads stored events, snapshots and sagas with it, and a field dropped from an
 * event must not make its old events unreadable.
 */
@Component
class StrictRequestBodies implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                json.setObjectMapper(json.getObjectMapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
            }
        }
    }
}
