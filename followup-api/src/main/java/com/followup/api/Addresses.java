package com.followup.api;

import io.dropwizard.lifecycle.PortDescriptor;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.util.List;
import org.eclipse.jetty.server.Server;

/** Where a started server answers, as a person would type it: the portal, the API description, the health checks. */
public record Addresses(String host, int port, String adminHost, int adminPort) {
    /** Reads the hosts and ports Jetty actually listens on (a configured port 0 is a random one). */
    public static Addresses of(Server server) {
        List<PortDescriptor> ports = new ServerLifecycleListener() {
            @Override
            public void serverStarted(Server ignored) {}
        }.getPortDescriptorList(server);
        PortDescriptor application = find(ports, "application");
        PortDescriptor admin = find(ports, "admin");
        return new Addresses(
                reachable(application.getHost()), application.getPort(), reachable(admin.getHost()), admin.getPort());
    }

    private static PortDescriptor find(List<PortDescriptor> ports, String type) {
        return ports.stream()
                .filter(port -> port.getConnectorType().equals(type))
                .findFirst()
                // The simple server factory serves both on one connector.
                .orElseGet(() -> ports.get(0));
    }

    /** A wildcard or loopback address is reached as localhost; any other bound address as itself. */
    private static String reachable(String host) {
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1")) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public String portal() {
        return "http://" + host + ":" + port + "/";
    }

    public String openApi() {
        return portal() + "api/openapi.json";
    }

    public String api() {
        return portal() + "api";
    }

    public String health() {
        return "http://" + adminHost + ":" + adminPort + "/healthcheck";
    }
}
