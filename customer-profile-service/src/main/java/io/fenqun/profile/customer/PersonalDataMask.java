package io.fenqun.profile.customer;

/**
 * Masks personal data for roles that work with customers but need not see how to reach them.
 * Keeps enough to recognise a record (last digits, mail domain, birth year); the name stays.
 */
public final class PersonalDataMask {

    private PersonalDataMask() {}

    public static String phone(String e164) {
        if (e164 == null) {
            return null;
        }
        int keepEnd = 4;
        int keepStart = Math.min(e164.startsWith("+86") ? 6 : 4, Math.max(0, e164.length() - keepEnd - 1));
        if (e164.length() <= keepEnd + 1) {
            return "*".repeat(e164.length());
        }
        return e164.substring(0, keepStart)
                + "*".repeat(e164.length() - keepStart - keepEnd)
                + e164.substring(e164.length() - keepEnd);
    }

    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    public static String birthDate(String isoDate) {
        return isoDate == null || isoDate.length() < 4 ? null : isoDate.substring(0, 4) + "-**-**";
    }

    public static String text(String value) {
        return value == null ? null : "***";
    }
}
