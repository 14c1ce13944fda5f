package io.fenqun.campaign.policy;

import io.fenqun.campaign.campaign.Purpose;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Decides, message by message and at send time, whether a customer may be contacted now. The
 * do-not-contact list stops everything; transactional (service) messages need only that their
 * consent was not withdrawn; marketing needs granted consent, no unsubscribe, no quiet hours, the
 * customer's preferred day when the campaign asks for it, and room under the frequency caps.
 *
 * <p>One instance serves one batch: it counts the messages it lets through, so that two messages to
 * the same customer in a batch cannot both take the last place under a cap.
 */
public final class ContactPolicy {

    private final PolicySettings settings;
    private final ZoneId zone;
    private final OffsetDateTime now;
    private final Map<String, Integer> sentInBatch = new HashMap<>();

    public ContactPolicy(PolicySettings settings, ZoneId zone, OffsetDateTime now) {
        this.settings = settings;
        this.zone = zone;
        this.now = now;
    }

    public ContactDecision decide(ContactFacts facts, boolean honourPreferredDay) {
        if (facts.doNotContact()) {
            return new ContactDecision.Exclude(Exclusion.DO_NOT_CONTACT);
        }
        if (facts.purpose() == Purpose.SERVICE) {
            return Boolean.FALSE.equals(facts.consent())
                    ? new ContactDecision.Exclude(Exclusion.NO_CONSENT)
                    : ContactDecision.SEND;
        }
        if (facts.channel().consentChannel() != null && !Boolean.TRUE.equals(facts.consent())) {
            return new ContactDecision.Exclude(Exclusion.NO_CONSENT);
        }
        if (facts.unsubscribed()) {
            return new ContactDecision.Exclude(Exclusion.UNSUBSCRIBED);
        }
        ZonedDateTime local = now.atZoneSameInstant(zone);
        if (settings.quietHours() != null && settings.quietHours().contains(local.toLocalTime())) {
            return new ContactDecision.Defer(quietHoursEnd(local), "QUIET_HOURS");
        }
        if (honourPreferredDay) {
            LocalDate preferred = preferredDay(local.toLocalDate(), facts.buyingDays());
            if (!preferred.equals(local.toLocalDate())) {
                return new ContactDecision.Defer(startOfSendingDay(preferred), "PREFERRED_DAY");
            }
        }
        if (!facts.capAlreadyCounted() && overCap(facts)) {
            return new ContactDecision.Exclude(Exclusion.CAPPED);
        }
        sentInBatch.merge(key(facts.customerId(), facts), 1, Integer::sum);
        return ContactDecision.SEND;
    }

    private boolean overCap(ContactFacts facts) {
        PolicySettings.Caps caps = settings.capsFor(facts.channel());
        int earlier = sentInBatch.getOrDefault(key(facts.customerId(), facts), 0);
        return reached(caps.perDay(), facts.sentToday() + earlier)
                || reached(caps.perWeek(), facts.sentThisWeek() + earlier)
                || reached(caps.perMonth(), facts.sentThisMonth() + earlier);
    }

    private static boolean reached(Integer cap, int sent) {
        return cap != null && sent >= cap;
    }

    private static String key(UUID customer, ContactFacts facts) {
        return customer + "/" + facts.channel();
    }

    private OffsetDateTime quietHoursEnd(ZonedDateTime local) {
        ZonedDateTime end =
                local.toLocalDate().atTime(settings.quietHours().end()).atZone(zone);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private OffsetDateTime startOfSendingDay(LocalDate day) {
        ZonedDateTime start = settings.quietHours() == null
                ? day.atStartOfDay(zone)
                : day.atTime(settings.quietHours().end()).atZone(zone);
        return start.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    static LocalDate preferredDay(LocalDate today, ContactFacts.BuyingDays habit) {
        LocalDate day = today;
        while (!fits(day.getDayOfWeek(), habit)) {
            day = day.plusDays(1);
        }
        return day;
    }

    private static boolean fits(DayOfWeek day, ContactFacts.BuyingDays habit) {
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return switch (habit) {
            case WEEKEND -> weekend;
            case WEEKDAY -> !weekend;
            case ANY -> true;
        };
    }
}
