package io.fenqun.gateway.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A key as admins see it: never the secret. */
public record ApiKeyView(
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

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(
                key.id(),
                key.name(),
                key.keyPrefix(),
                key.partnerSource(),
                key.scopes(),
                key.rateLimitPerMinute(),
                key.createdAt(),
                key.createdBy(),
                key.revokedAt(),
                key.revokedBy());
    }
}
