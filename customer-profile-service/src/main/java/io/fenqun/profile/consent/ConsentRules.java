package io.fenqun.profile.consent;

import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What makes a set of consent changes acceptable, checked before anything is written. */
public final class ConsentRules {

    /** Clocks of stores and partner systems drift a little; more than this is a wrong date. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private ConsentRules() {}

    /**
     * Rejects changes with field errors named {@code <prefix>[i].field}: a channel and purpose given
     * twice, a decision dated in the future, and a grant from an import or API without evidence
     * (PIPL asks the business to be able to prove consent it did not witness itself).
     */
    public static void validate(List<ConsentChangeInput> changes, Instant now, String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            ConsentChangeInput change = changes.get(i);
            String at = prefix == null ? "" : prefix + "[" + i + "].";
            if (!seen.add(change.channel() + "/" + change.purpose())) {
                errors.add(new Problem.FieldError(
                        at + "channel", change.channel() + "/" + change.purpose() + " is given more than once"));
            }
            if (change.changedAt() != null && change.changedAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                errors.add(new Problem.FieldError(at + "changedAt", "must not be in the future"));
            }
            if (change.status() == ConsentFields.Status.GRANTED
                    && needsEvidence(change.source())
                    && (change.evidence() == null || change.evidence().isBlank())) {
                errors.add(new Problem.FieldError(
                        at + "evidence",
                        "is required for a grant from " + change.source().name().toLowerCase(Locale.ROOT)));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    /** Sources where no member of staff saw the customer decide. */
    static boolean needsEvidence(ConsentFields.Source source) {
        return source == ConsentFields.Source.IMPORT || source == ConsentFields.Source.API;
    }

    /** Reads a channel from a path, answering 400 for one that does not exist. */
    public static ConsentFields.Channel channel(String text) {
        return parse(ConsentFields.Channel.class, text, "channel");
    }

    public static ConsentFields.Purpose purpose(String text) {
        return parse(ConsentFields.Purpose.class, text, "purpose");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField(field, "must be one of " + List.of(type.getEnumConstants()));
        }
    }
}
