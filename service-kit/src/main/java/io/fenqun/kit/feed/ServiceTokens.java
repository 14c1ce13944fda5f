package io.fenqun.kit.feed;

import io.fenqun.kit.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Short-lived {@code service}-role tokens for calls to other services, signed with this service's
 * key ({@code smallrye.jwt.sign.key.location}). Without a key configured, calls go without a token.
 */
@ApplicationScoped
public class ServiceTokens {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final boolean signingKeyConfigured;
    private final String serviceName;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceTokens(
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signingKey,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.signingKeyConfigured = signingKey.isPresent();
        this.serviceName = serviceName;
    }

    /** The Authorization header value, or empty when this service signs no tokens. */
    public synchronized Optional<String> bearer() {
        if (!signingKeyConfigured) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (now.isAfter(renewAt)) {
            token = Jwt.subject(serviceName)
                    .upn(serviceName)
                    .groups(Roles.SERVICE)
                    .expiresIn(LIFETIME)
                    .sign();
            // Renew at half-life so a token never expires during a long poll.
            renewAt = now.plus(LIFETIME.dividedBy(2));
        }
        return Optional.of("Bearer " + token);
    }
}
