package io.fenqun.campaign.coupon;

import java.security.SecureRandom;

/**
 * Coupon codes: the campaign's prefix and ten random characters of Crockford's base32 (no I, L, O
 * or U, so codes survive being read aloud or typed in): 50 random bits, unguessable and, in
 * practice, unique; the database's unique key catches the rest.
 */
public final class CouponCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CouponCodes() {}

    public static String next(String prefix) {
        StringBuilder code =
                new StringBuilder(prefix.length() + 1 + LENGTH).append(prefix).append('-');
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** Codes are compared as issued: capitals, no spaces; customers type them as they like. */
    public static String normalise(String typed) {
        return typed == null ? null : typed.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
