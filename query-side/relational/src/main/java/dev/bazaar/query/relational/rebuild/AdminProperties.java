package dev.bazaar.query.relational.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The admin credential: {@code bazaar.admin.username} and {@code bazaar.admin.password} (env BAZAAR_ADMIN_PASSWORD). */
@ConfigurationProperties("bazaar.admin")
record AdminProperties(String username, String password) {

    AdminProperties {
        username = username == null ? "admin" : username;
        password = password == null ? "bazaar-admin" : password;
    }
}
