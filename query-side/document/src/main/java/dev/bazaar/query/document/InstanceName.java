package dev.bazaar.query.document;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name this instance claims segments under, shown as their {@code owner} in the admin API:
 * {@code bazaar.instance-name} when set, else {@code <spring.application.name>@<host>:<server.port>}, the
 * address its admin API answers on. With a random port (0, as in tests) the port is not known when the token
 * store is built, so the process id stands in for it ({@code query-document@host/pid-1234}).
 */
@Component
public class InstanceName {

    private final String value;

    InstanceName(@Value("${bazaar.instance-name:}") String configured, @Value("${spring.application.name}") String application,
                 @Value("${server.port:8080}") int port) {
        this.value = configured.isBlank() ? application + "@" + host() + (port > 0 ? ":" + port : "/pid-" + ProcessHandle.current().pid())
                : configured;
    }

    public String value() {
        return value;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String runtime = ManagementFactory.getRuntimeMXBean().getName();
            return runtime.substring(runtime.indexOf('@') + 1);
        }
    }
}
