package io.fenqun.gateway.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A partner's API key as stored (never the secret itself). */
public record ApiKey(
        UUID id,
        String name,
        String keyPrefix,
        String partnerSource,
        List<String> scopes,
        int rateLimitPerMinute,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
