package io.fenqun.kit.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Dev-key-signed JWTs for tests, one per role and user. */
public final class TestTokens {

    public static final String ISSUER = "https://dev.fenqun.io";
    private static PrivateKey key;

    private TestTokens() {}

    public static String bearer(String role) {
        return bearer(role, role + "-user");
    }

    public static String bearer(String role, String user) {
        return "Bearer " + token(user, Set.of(role), ISSUER, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String token(String user, Set<String> roles, String issuer, Instant expiresAt) {
        return Jwt.issuer(issuer)
                .upn(user)
                .subject(user)
                .groups(roles)
                .issuedAt(Instant.now().minusSeconds(5))
                .expiresAt(expiresAt)
                .sign(privateKey());
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            try {
                key = KeyUtils.readPrivateKey("dev-keys/private.pem");
            } catch (Exception e) {
                throw new IllegalStateException("dev private key missing from the test classpath", e);
            }
        }
        return key;
    }
}
