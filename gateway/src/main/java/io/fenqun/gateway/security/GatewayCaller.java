package io.fenqun.gateway.security;

import io.fenqun.gateway.apikey.ApiKey;
import io.fenqun.kit.security.Roles;
import java.util.Set;

/**
 * Who a request through the gateway comes from: a person with a JWT or a partner with an API key.
 * {@code limitKey} names the rate-limit bucket, {@code perMinute} its size.
 */
public record GatewayCaller(String limitKey, Set<String> roles, ApiKey apiKey, int perMinute) {

    public static GatewayCaller person(String subject, Set<String> roles, int perMinute) {
        return new GatewayCaller("user:" + subject, Set.copyOf(roles), null, perMinute);
    }

    public static GatewayCaller partnerKey(ApiKey key) {
        return new GatewayCaller("key:" + key.id(), Set.of(Roles.PARTNER), key, key.rateLimitPerMinute());
    }

    /** Partners (by key or by a partner token) are held to the partner route rules. */
    public boolean partner() {
        return apiKey != null || roles.contains(Roles.PARTNER);
    }
}
