package io.fenqun.segment.membership;

import static io.fenqun.segment.dimension.FactsChange.ALL;
import static io.fenqun.segment.dimension.FactsChange.CLOCK;
import static io.fenqun.segment.dimension.FactsChange.LABELS;
import static io.fenqun.segment.dimension.FactsChange.MEMBERSHIP;
import static io.fenqun.segment.dimension.FactsChange.WINDOWED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.segment.dimension.FactsChange;
import io.fenqun.segment.rule.FieldCatalogue;
import io.fenqun.segment.rule.RuleParser;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A recompute evaluates a segment again only for the customers with a change its rule can see: a
 * change that writes a column the rule reads, the calendar for rules that read the clock, and
 * memberships for rules that refer to segments. A change of everything reaches every rule.
 */
class ChangesSeenTest {

    static final RuleParser PARSER = new RuleParser(FieldCatalogue.standard());

    @Test
    void windowedCountsAndTiersSeeOrdersLeavingAWindow() throws Exception {
        assertEquals(bits(ALL, WINDOWED), seen("{\"field\":\"orders90d\",\"op\":\"between\",\"value\":[1,3]}"));
        assertEquals(bits(ALL, WINDOWED), seen("{\"field\":\"spendTier\",\"op\":\"eq\",\"value\":\"high\"}"));
    }

    @Test
    void labelsSeeTheRelabelling() throws Exception {
        assertEquals(bits(ALL, LABELS), seen("{\"field\":\"rfmSegment\",\"op\":\"in\",\"value\":[\"At Risk\"]}"));
        assertEquals(bits(ALL, LABELS), seen("{\"field\":\"valueTier\",\"op\":\"eq\",\"value\":\"A\"}"));
    }

    @Test
    void attributesAndAllTimeFactsSeeOnlyAChangeOfEverything() throws Exception {
        assertEquals(bits(ALL), seen("{\"field\":\"province\",\"op\":\"eq\",\"value\":\"浙江省\"}"));
        assertEquals(bits(ALL), seen("{\"field\":\"spendTotal\",\"op\":\"gte\",\"value\":5000}"));
    }

    @Test
    void relativeDatesAndDayCountsSeeTheCalendar() throws Exception {
        assertEquals(bits(ALL, CLOCK), seen("{\"field\":\"lastPurchaseAt\",\"op\":\"moreThanDaysAgo\",\"value\":90}"));
        assertEquals(bits(ALL, CLOCK), seen("{\"field\":\"tenureDays\",\"op\":\"gt\",\"value\":365}"));
        // Whether a date is set does not change as days pass.
        assertEquals(bits(ALL), seen("{\"field\":\"lastPurchaseAt\",\"op\":\"isSet\"}"));
    }

    @Test
    void nestedRulesSeeWhatAnyOfTheirPartsSees() throws Exception {
        assertEquals(
                bits(ALL, WINDOWED, LABELS, CLOCK),
                seen("{\"not\":{\"any\":[{\"field\":\"orders30d\",\"op\":\"gte\",\"value\":1},"
                        + "{\"all\":[{\"field\":\"lifecycle\",\"op\":\"eq\",\"value\":\"active\"},"
                        + "{\"field\":\"firstPurchaseAt\",\"op\":\"withinLastDays\",\"value\":180}]}]}}"));
        assertEquals(bits(ALL, MEMBERSHIP), seen("{\"inSegment\":\"0190a1b2-0000-7000-8000-000000000001\"}"));
    }

    private static int seen(String rule) throws Exception {
        return MembershipEngine.changesSeenBy(PARSER.parse(new ObjectMapper().readTree(rule), "rule"));
    }

    private static int bits(FactsChange... changes) {
        return Arrays.stream(changes).mapToInt(FactsChange::bit).reduce(0, (a, b) -> a | b);
    }
}
