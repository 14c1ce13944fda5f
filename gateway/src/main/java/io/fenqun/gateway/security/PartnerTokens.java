package io.fenqun.gateway.security;

import io.fenqun.gateway.apikey.ApiKey;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exchanges a partner's API key for a short-lived {@code partner} token the services trust, signed
 * with the gateway's key ({@code smallrye.jwt.sign.key.location}, as the kit's ServiceTokens do).
 * Tokens are reused per key until half their life is gone, so signing stays off the hot path;
 * revocation still takes effect at once because the key itself is checked on every request.
 */
@ApplicationScoped
public class PartnerTokens {

    /** Where the gateway puts a key's scopes in the token it forwards. */
    public static final String SCOPES_CLAIM = "scopes";

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private record Issued(String bearer, Instant renewAt) {}

    private final boolean signingKeyConfigured;
    private final Map<UUID, Issued> issued = new ConcurrentHashMap<>();

    public PartnerTokens(@ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signingKey) {
        this.signingKeyConfigured = signingKey.isPresent();
    }

    public boolean available() {
        return signingKeyConfigured;
    }

    /** The Authorization header value to forward for this key. */
    public String bearer(ApiKey key) {
        Instant now = Instant.now();
        Issued current = issued.get(key.id());
        if (current == null || now.isAfter(current.renewAt())) {
            String token = Jwt.subject("api-key:" + key.id())
                    .upn("api-key:" + key.id())
                    .groups(Roles.PARTNER)
                    .claim(Caller.PARTNER_SOURCE_CLAIM, key.partnerSource())
                    .claim(SCOPES_CLAIM, new HashSet<>(key.scopes()))
                    .expiresIn(LIFETIME)
                    .sign();
            current = new Issued("Bearer " + token, now.plus(LIFETIME.dividedBy(2)));
            issued.put(key.id(), current);
        }
        return current.bearer();
    }

    /** Forgets the cached token of a revoked key. */
    public void forget(UUID keyId) {
        issued.remove(keyId);
    }
}
