package dev.bazaar.query.document.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic with one admin user for {@code /admin/**}, and nothing else: with this filter chain the
 * only one, every other request (Actuator health and metrics, for instance) passes unauthenticated.
 * A missing or wrong credential is answered 401 as problem details.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    /**
     * @param username the admin's name ({@code bazaar.admin.username}, default {@code admin})
     * @param password the admin's password ({@code BAZAAR_ADMIN_PASSWORD}); the default is for local runs only
     */
    @ConfigurationProperties("bazaar.admin")
    record AdminCredential(String username, String password) {

        AdminCredential {
            username = username == null || username.isBlank() ? "admin" : username;
            password = password == null || password.isBlank() ? "bazaar-admin" : password;
        }
    }

    @Bean
    SecurityFilterChain adminApi(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "The admin API needs the admin credential (HTTP Basic)");
            problem.setTitle("Unauthorized");
            problem.setType(URI.create("about:blank"));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"bazaar-admin\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        };
        return http.securityMatcher("/admin/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * The password is kept as given ({noop}): it lives only in this process's memory, from its configuration.
     * The manager is handed out as a plain {@link UserDetailsService}: as the {@code UserDetailsPasswordService}
     * it also is, Spring Security would "upgrade" the password to BCrypt after the first login, and every
     * later request would then spend a BCrypt hash (tens of milliseconds of CPU) on the credential; a
     * progress bar polling the admin API took a visible share of a rebuild's CPU that way.
     */
    @Bean
    UserDetailsService admins(AdminCredential credential) {
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(User.withUsername(credential.username())
                .password("{noop}" + credential.password()).roles("ADMIN").build());
        return manager::loadUserByUsername;
    }
}
