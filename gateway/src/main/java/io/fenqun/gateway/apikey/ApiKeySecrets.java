package io.fenqun.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes new key secrets and the hash they are stored and looked up by. */
public final class ApiKeySecrets {

    /** Marks Fenqun keys, so leaked ones are easy to find by secret scanners. */
    static final String MARK = "fq_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first characters, shown in lists so an admin can tell keys apart. */
    public static String prefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), MARK.length() + 6));
    }
}
