package io.fenqun.campaign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.campaign.Purpose;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContactPolicyTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Wednesday 2026-11-18 14:00 in Shanghai. */
    static final OffsetDateTime WEDNESDAY_AFTERNOON =
            LocalDate.of(2026, 11, 18).atTime(14, 0).atZone(SHANGHAI).toOffsetDateTime();

    static final PolicySettings SETTINGS = new PolicySettings(
            new PolicySettings.QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)),
            Map.of(
                    Channel.EMAIL,
                    new PolicySettings.Caps(1, 3, 8),
                    Channel.SMS,
                    new PolicySettings.Caps(null, 2, null)));

    static ContactFacts facts(UUID customer, Purpose purpose, Boolean consent) {
        return new ContactFacts(
                UUID.randomUUID(), customer, Channel.EMAIL, purpose, consent, false, false, false, 0, 0, 0, 0, 0);
    }

    static ContactPolicy at(OffsetDateTime now) {
        return new ContactPolicy(SETTINGS, SHANGHAI, now);
    }

    @Test
    void doNotContactStopsEvenServiceMessages() {
        ContactFacts f = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.SERVICE,
                true,
                true,
                false,
                false,
                0,
                0,
                0,
                0,
                0);
        assertEquals(
                new ContactDecision.Exclude(Exclusion.DO_NOT_CONTACT),
                at(WEDNESDAY_AFTERNOON).decide(f, false));
    }

    @Test
    void marketingNeedsGrantedConsentServiceOnlyNoWithdrawal() {
        UUID c = UUID.randomUUID();
        ContactPolicy policy = at(WEDNESDAY_AFTERNOON);
        assertEquals(
                new ContactDecision.Exclude(Exclusion.NO_CONSENT),
                policy.decide(facts(c, Purpose.MARKETING, null), false));
        assertEquals(
                new ContactDecision.Exclude(Exclusion.NO_CONSENT),
                policy.decide(facts(c, Purpose.MARKETING, false), false));
        assertEquals(ContactDecision.SEND, policy.decide(facts(c, Purpose.MARKETING, true), false));
        assertEquals(ContactDecision.SEND, policy.decide(facts(UUID.randomUUID(), Purpose.SERVICE, null), false));
        assertEquals(
                new ContactDecision.Exclude(Exclusion.NO_CONSENT),
                policy.decide(facts(UUID.randomUUID(), Purpose.SERVICE, false), false));
    }

    @Test
    void unsubscribedCustomersGetNoMarketing() {
        ContactFacts f = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.MARKETING,
                true,
                false,
                true,
                false,
                0,
                0,
                0,
                0,
                0);
        assertEquals(
                new ContactDecision.Exclude(Exclusion.UNSUBSCRIBED),
                at(WEDNESDAY_AFTERNOON).decide(f, false));
    }

    @Test
    void quietHoursHoldMarketingUntilMorningAcrossMidnight() {
        OffsetDateTime lateEvening =
                LocalDate.of(2026, 11, 18).atTime(22, 30).atZone(SHANGHAI).toOffsetDateTime();
        ContactDecision decision = at(lateEvening).decide(facts(UUID.randomUUID(), Purpose.MARKETING, true), false);
        assertEquals(
                new ContactDecision.Defer(
                        LocalDate.of(2026, 11, 19)
                                .atTime(8, 0)
                                .atZone(SHANGHAI)
                                .toOffsetDateTime()
                                .withOffsetSameInstant(ZoneOffset.UTC),
                        "QUIET_HOURS"),
                decision);
        OffsetDateTime earlyMorning =
                LocalDate.of(2026, 11, 19).atTime(6, 0).atZone(SHANGHAI).toOffsetDateTime();
        ContactDecision.Defer morning = assertInstanceOf(
                ContactDecision.Defer.class,
                at(earlyMorning).decide(facts(UUID.randomUUID(), Purpose.MARKETING, true), false));
        assertEquals(
                LocalTime.of(8, 0), morning.until().atZoneSameInstant(SHANGHAI).toLocalTime());
        assertEquals(
                LocalDate.of(2026, 11, 19),
                morning.until().atZoneSameInstant(SHANGHAI).toLocalDate());
        // transactional messages are not held by quiet hours
        assertEquals(
                ContactDecision.SEND, at(lateEvening).decide(facts(UUID.randomUUID(), Purpose.SERVICE, true), false));
    }

    @Test
    void weekendBuyersWaitForSaturdayWhenTheCampaignAsks() {
        ContactFacts weekendBuyer = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.MARKETING,
                true,
                false,
                false,
                false,
                0,
                0,
                0,
                4,
                1);
        ContactDecision.Defer defer = assertInstanceOf(
                ContactDecision.Defer.class, at(WEDNESDAY_AFTERNOON).decide(weekendBuyer, true));
        assertEquals("PREFERRED_DAY", defer.why());
        assertEquals(
                DayOfWeek.SATURDAY, defer.until().atZoneSameInstant(SHANGHAI).getDayOfWeek());
        assertEquals(
                LocalTime.of(8, 0), defer.until().atZoneSameInstant(SHANGHAI).toLocalTime());
        assertEquals(ContactDecision.SEND, at(WEDNESDAY_AFTERNOON).decide(weekendBuyer, false), "only when asked");
        ContactFacts weekdayBuyer = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.MARKETING,
                true,
                false,
                false,
                false,
                0,
                0,
                0,
                0,
                9);
        assertEquals(ContactDecision.SEND, at(WEDNESDAY_AFTERNOON).decide(weekdayBuyer, true));
    }

    @Test
    void buyingDaysNeedAHabit() {
        assertEquals(ContactFacts.BuyingDays.ANY, withOrders(1, 1).buyingDays());
        assertEquals(ContactFacts.BuyingDays.WEEKEND, withOrders(3, 3).buyingDays());
        assertEquals(ContactFacts.BuyingDays.WEEKDAY, withOrders(1, 9).buyingDays());
        assertEquals(ContactFacts.BuyingDays.ANY, withOrders(2, 5).buyingDays());
    }

    @Test
    void capsCountAcrossCampaignsAndWithinTheBatch() {
        UUID customer = UUID.randomUUID();
        ContactPolicy policy = at(WEDNESDAY_AFTERNOON);
        assertEquals(ContactDecision.SEND, policy.decide(facts(customer, Purpose.MARKETING, true), false));
        assertEquals(
                new ContactDecision.Exclude(Exclusion.CAPPED),
                policy.decide(facts(customer, Purpose.MARKETING, true), false),
                "the second email today in the same batch");
        ContactFacts weekFull = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.MARKETING,
                true,
                false,
                false,
                false,
                0,
                3,
                3,
                0,
                0);
        assertEquals(new ContactDecision.Exclude(Exclusion.CAPPED), policy.decide(weekFull, false));
        ContactFacts smsWithRoom = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.SMS,
                Purpose.MARKETING,
                true,
                false,
                false,
                false,
                5,
                1,
                40,
                0,
                0);
        assertEquals(ContactDecision.SEND, policy.decide(smsWithRoom, false), "no daily or monthly SMS cap set");
        ContactFacts retried = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.MARKETING,
                true,
                false,
                false,
                true,
                1,
                1,
                1,
                0,
                0);
        assertEquals(ContactDecision.SEND, policy.decide(retried, false), "a retry already holds its place");
        ContactFacts service = new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.SERVICE,
                null,
                false,
                false,
                false,
                9,
                9,
                9,
                0,
                0);
        assertEquals(ContactDecision.SEND, policy.decide(service, false), "transactional messages skip the caps");
    }

    private static ContactFacts withOrders(int weekend, int weekday) {
        return new ContactFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Channel.EMAIL,
                Purpose.MARKETING,
                true,
                false,
                false,
                false,
                0,
                0,
                0,
                weekend,
                weekday);
    }
}
