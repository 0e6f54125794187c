package dev.bazaar.axonserver;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the node presents itself to Axon clients.
 *
 * @param grpcPort    the gRPC port clients connect to ({@code axon.axonserver.servers=host:grpcPort}); 0 picks a free one
 * @param hostname    the host name the node tells clients to connect to (GetPlatformServer)
 * @param name        the node's name in Axon Server's terms
 * @param accessToken when set, every gRPC call must carry it in {@code AxonIQ-Access-Token}
 */
@ConfigurationProperties("bazaar.node")
public record NodeProperties(int grpcPort, String hostname, String name, String accessToken) {

    public NodeProperties {
        hostname = hostname == null || hostname.isBlank() ? "localhost" : hostname;
        name = name == null || name.isBlank() ? "bazaar-node" : name;
    }

    public boolean accessControlEnabled() {
        return accessToken != null && !accessToken.isBlank();
    }
}
