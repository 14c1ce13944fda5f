package io.fenqun.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway is told from configuration: the services behind it and its limits. */
@ConfigMapping(prefix = "fenqun.gateway")
public interface GatewayConfig {

    /** The services behind the gateway by short name (profile, segment, ...). */
    Map<String, ServiceConfig> services();

    Customer360Config customer360();

    RateLimitConfig rateLimit();

    /** Paths under /api/v1 that need no token (none by default). */
    Optional<List<String>> publicPrefixes();

    interface ServiceConfig {
        /** Base address, e.g. http://customer-profile-service:8081 in Kubernetes. */
        URI url();

        /** Path prefixes this service owns, e.g. /api/v1/customers. */
        List<String> prefixes();

        /** Where the service serves its OpenAPI document. */
        @WithDefault("/q/openapi?format=json")
        String openapiPath();

        /** Connecting longer than this counts as the service being down. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** A proxied exchange that sends or receives nothing for this long is cut (long polls stay below it). */
        @WithDefault("60s")
        Duration idleTimeout();

        /** Timeout of one call the gateway makes itself (Customer 360 parts, batch records). */
        @WithDefault("2s")
        Duration callTimeout();

        /** Connections kept to the service. */
        @WithDefault("64")
        int maxConnections();

        CircuitBreakerConfig circuitBreaker();
    }

    interface CircuitBreakerConfig {
        /** Calls looked at before the breaker may open. */
        @WithDefault("20")
        int requestVolume();

        /** Share of failed calls among them that opens it. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before a trial call. */
        @WithDefault("10s")
        Duration delay();
    }

    interface Customer360Config {
        /** The parts of the 360 view by name; each is a GET on one service. */
        Map<String, PartConfig> parts();
    }

    interface PartConfig {
        /** Name of a configured service. */
        String service();

        /** Path with {id} for the customer id, e.g. /api/v1/classifications/{id}. */
        String path();

        /** A required part decides the whole answer (the profile: 404 and access rules). */
        @WithDefault("false")
        boolean required();
    }

    interface RateLimitConfig {
        /** Requests per minute for one signed-in person; API keys carry their own limit. */
        @WithDefault("600")
        int perUserPerMinute();

        /** Limit given to new API keys when the admin names none. */
        @WithDefault("120")
        int defaultPerKeyPerMinute();
    }
}
