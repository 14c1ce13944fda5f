package io.fenqun.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class DevTokensTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void tokenIsSignedWithTheDevKeyAndCarriesRoleUserAndIssuer() throws Exception {
        String token = DevTokens.fromArgs(List.of("sales", "sales-li"), REPO);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(KeyUtils.decodePublicKey(Files.readString(REPO.resolve("dev-keys/public.pem"))));
        assertTrue(jws.verifySignature());
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals("https://dev.fenqun.io", claims.getIssuer());
        assertEquals("sales-li", claims.getClaimValueAsString("upn"));
        assertEquals(List.of("sales"), claims.getStringListClaimValue("groups"));
        assertTrue(claims.getExpirationTime().getValue()
                > Instant.now().plusSeconds(11 * 3600).getEpochSecond());
    }

    @Test
    void defaultUserIsNamedAfterTheRole() throws Exception {
        String token = DevTokens.fromArgs(List.of("admin"), REPO);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setDoKeyValidation(false);
        assertEquals("admin-user", JwtClaims.parse(jws.getUnverifiedPayload()).getClaimValueAsString("upn"));
    }

    @Test
    void unknownRoleOrMissingArgumentsAreClearErrors() {
        SuiteException unknown = assertThrows(SuiteException.class, () -> DevTokens.fromArgs(List.of("king"), REPO));
        assertTrue(unknown.getMessage().contains("unknown role 'king'"));
        assertThrows(SuiteException.class, () -> DevTokens.fromArgs(List.of(), REPO));
        assertThrows(SuiteException.class, () -> DevTokens.fromArgs(List.of("admin"), Path.of("/nonexistent")));
    }
}
