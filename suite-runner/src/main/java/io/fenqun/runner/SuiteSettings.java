package io.fenqun.runner;

import java.util.List;
import java.util.Map;

/**
 * The services of the suite and where they listen. Each later service is one more line in
 * {@link #SERVICES}.
 */
public record SuiteSettings(int postgresPort, List<Service> services) {

    /** One service: its module, HTTP port and database (a role of the same name owns it). */
    public record Service(String name, String module, int port, String database) {}

    /** The services, the gateway last: it is the front door and the address to use. */
    static final List<Service> SERVICES = List.of(
            new Service("customer-profile-service", "customer-profile-service", 8081, "profile"),
            new Service("segment-service", "segment-service", 8082, "segment"),
            new Service("campaign-service", "campaign-service", 8083, "campaign"),
            new Service("gateway", "gateway", 8080, "gateway"));

    static final String FRONT_DOOR = "gateway";

    static final int DEFAULT_POSTGRES_PORT = 15432;

    /** The same suite on other ports (every port plus {@code offset}), e.g. for a test beside a running suite. */
    SuiteSettings onPortsShiftedBy(int offset) {
        return new SuiteSettings(
                postgresPort + offset,
                services.stream()
                        .map(s -> new Service(s.name(), s.module(), s.port() + offset, s.database()))
                        .toList());
    }

    public static SuiteSettings fromEnvironment(Map<String, String> env) {
        return new SuiteSettings(port(env.getOrDefault("FENQUN_PG_PORT", "" + DEFAULT_POSTGRES_PORT)), SERVICES);
    }

    static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new SuiteException("FENQUN_PG_PORT must be a port number, not '" + text + "'");
        }
    }
}
