package io.fenqun.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified JWT: the user id, the roles and, for partner tokens, the
 * external-id source the partner is scoped to.
 */
public record Caller(String userId, Set<String> roles, String partnerSource) {

    /** The JWT claim that scopes a partner token to its own external-id source. */
    public static final String PARTNER_SOURCE_CLAIM = "partner_source";

    public static Caller of(SecurityIdentity identity) {
        String source = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            source = jwt.getClaim(PARTNER_SOURCE_CLAIM);
        }
        return new Caller(identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()), source);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean hasAny(String... wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
