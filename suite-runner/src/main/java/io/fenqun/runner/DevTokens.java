package io.fenqun.runner;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Development JWTs signed with the checked-in dev key, which the services trust by default. */
final class DevTokens {

    static final String ISSUER = "https://dev.fenqun.io";
    static final Set<String> ROLES = Set.of("admin", "marketer", "sales", "analyst", "support", "partner", "service");
    static final Duration LIFETIME = Duration.ofHours(12);

    private DevTokens() {}

    static String fromArgs(List<String> args, Path repo) throws Exception {
        if (args.isEmpty() || args.size() > 2) {
            throw new SuiteException("usage: token ROLE [USER]; roles: " + String.join(" ", sorted()));
        }
        String role = args.get(0);
        String user = args.size() == 2 ? args.get(1) : role + "-user";
        return mint(role, user, privateKey(repo), Instant.now());
    }

    static String mint(String role, String user, PrivateKey key, Instant now) {
        if (!ROLES.contains(role)) {
            throw new SuiteException("unknown role '" + role + "'; roles: " + String.join(" ", sorted()));
        }
        if (user.isBlank()) {
            throw new SuiteException("the user must not be blank");
        }
        return Jwt.issuer(ISSUER)
                .upn(user)
                .subject(user)
                .groups(Set.of(role))
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .sign(key);
    }

    static PrivateKey privateKey(Path repo) throws Exception {
        Path pem = repo.resolve("dev-keys/private.pem");
        if (!Files.isReadable(pem)) {
            throw new SuiteException("dev key " + pem + " not found: run from the repository root");
        }
        return KeyUtils.decodePrivateKey(Files.readString(pem));
    }

    private static List<String> sorted() {
        return ROLES.stream().sorted().toList();
    }
}
