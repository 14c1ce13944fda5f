package io.fenqun.profile.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises phone numbers to E.164 and email addresses to lower case, so that the same contact
 * written two ways is recognised as one (imports, duplicate checks).
 */
public final class ContactNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // Deliberately simple: one @, no spaces, a dot in the domain; delivery proves the rest.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");

    private final String defaultRegion;

    public ContactNormalizer(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The E.164 form, or empty when the text is not a valid number. */
    public Optional<String> phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw.trim(), defaultRegion);
            if (!PHONES.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The lower-cased address, or empty when it is not an email address. */
    public Optional<String> email(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(email).matches() ? Optional.of(email) : Optional.empty();
    }
}
