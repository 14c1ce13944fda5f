package io.fenqun.profile.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoyaltyRulesTest {

    final LoyaltyRules rules = new LoyaltyRules(
            new BigDecimal("1.5"), Duration.ofDays(365), LoyaltyRules.parseTiers("STANDARD:0, SILVER:1000,GOLD:5000"));

    @Test
    void pointsAreWholeAndRoundedDown() {
        assertEquals(148, rules.pointsFor(new BigDecimal("99.00")));
        assertEquals(0, rules.pointsFor(new BigDecimal("0.50")));
    }

    @Test
    void tiersFollowPointsEarnedAndKnowTheNextOne() {
        assertEquals("STANDARD", rules.tierFor(999).name());
        assertEquals("SILVER", rules.tierFor(1000).name());
        assertEquals("GOLD", rules.tierFor(1_000_000).name());
        assertEquals("GOLD", rules.nextTier(rules.tierFor(1000)).name());
        assertNull(rules.nextTier(rules.tierFor(5000)));
    }

    @Test
    void sqlRuleMatchesTheJavaRule() {
        assertEquals(
                "CASE WHEN e >= 5000 THEN 'GOLD' WHEN e >= 1000 THEN 'SILVER' ELSE 'STANDARD' END", rules.tierSql("e"));
    }

    @Test
    void badTierConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoyaltyRules.parseTiers("GOLD"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LoyaltyRules(BigDecimal.ONE, Duration.ofDays(1), LoyaltyRules.parseTiers("A:5,B:10")));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LoyaltyRules(BigDecimal.ONE, Duration.ofDays(1), LoyaltyRules.parseTiers("A:0,B:0")));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LoyaltyRules(BigDecimal.ONE, Duration.ofDays(1), LoyaltyRules.parseTiers("A:0,b';--:10")));
    }
}
