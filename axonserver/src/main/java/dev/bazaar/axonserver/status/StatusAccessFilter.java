package dev.bazaar.axonserver.status;

import dev.bazaar.axonserver.NodeProperties;
import dev.bazaar.axonserver.grpc.AxonErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With an access token configured, the HTTP API ({@code /v1/*}) wants it too, in the same
 * {@code AxonIQ-Access-Token} header, and refuses as Axon Server's REST API does: 403 with the error code
 * in an {@code ErrorCode} header. {@code /actuator/health} stays open for probes.
 */
@Configuration(proxyBeanMethods = false)
class StatusAccessFilter {

    static final String TOKEN_HEADER = "AxonIQ-Access-Token";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> statusAccess(NodeProperties properties) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String presented = request.getHeader(TOKEN_HEADER);
                if (!properties.accessControlEnabled() || matches(presented, properties.accessToken())) {
                    chain.doFilter(request, response);
                } else if (presented == null) {
                    refuse(response, AxonErrorCode.AUTHENTICATION_TOKEN_MISSING, "Missing header: " + TOKEN_HEADER);
                } else {
                    refuse(response, AxonErrorCode.AUTHENTICATION_INVALID_TOKEN, "Access denied");
                }
            }
        });
        registration.addUrlPatterns("/v1/*");
        return registration;
    }

    private static boolean matches(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(HttpServletResponse response, AxonErrorCode code, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("ErrorCode", code.code());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}
