package dev.bazaar.query.relational.rebuild;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic with one in-memory admin user for {@code /admin/**} only; queries and Actuator stay open.
 * A missing or wrong credential is a 401 problem details answer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http) throws Exception {
        return http.securityMatcher("/admin/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The admin user, a fresh copy per request (Spring erases the password of the one it authenticated).
     * Not an {@code InMemoryUserDetailsManager}: that one is a password service, so Spring "upgrades" the
     * password to BCrypt after the first login and then spends a BCrypt hash (tens of milliseconds of CPU)
     * on every admin call, stealing a core's share from the projections while a progress bar polls.
     */
    @Bean
    UserDetailsService admin(AdminProperties properties) {
        UserDetails admin = User.withUsername(properties.username()).password(properties.password()).roles("ADMIN").build();
        return username -> {
            if (!admin.getUsername().equals(username)) {
                throw new UsernameNotFoundException("no such user");
            }
            return User.withUserDetails(admin).build();
        };
    }

    /**
     * The configured password compared as it is, in constant time: it sits in plain text in the
     * configuration already, so hashing it on each call would protect nothing.
     */
    @Bean
    PasswordEncoder adminPassword() {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return raw.toString();
            }

            @Override
            public boolean matches(CharSequence raw, String expected) {
                return MessageDigest.isEqual(raw.toString().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"bazaar-admin\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"The admin API needs the admin credential (HTTP Basic)\",\"instance\":\""
                    + request.getRequestURI().replace("\"", "") + "\"}");
        };
    }
}
