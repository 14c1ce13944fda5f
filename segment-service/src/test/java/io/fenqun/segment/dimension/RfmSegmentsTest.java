package io.fenqun.segment.dimension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfmSegmentsTest {

    @Test
    void everyCombinationHasExactlyOneSegmentAndEveryNamedSegmentIsReachable() {
        Map<String, Integer> combinations = new HashMap<>();
        RfmSegments.names().forEach(name -> combinations.put(name, 0));
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    combinations.merge(RfmSegments.of(r, f, m), 1, Integer::sum);
                }
            }
        }
        assertEquals(11, combinations.size(), "the 11 named segments and nothing else");
        assertEquals(
                125, combinations.values().stream().mapToInt(Integer::intValue).sum());
        combinations.forEach((name, count) -> {
            if (count == 0) {
                throw new AssertionError(name + " is unreachable");
            }
        });
    }

    @Test
    void priorityDecidesWhereThePublishedRangesOverlap() {
        assertEquals("Champions", RfmSegments.of(5, 5, 5));
        assertEquals("Can't Lose Them", RfmSegments.of(1, 5, 5), "not At Risk, which also holds 1-5-5");
        assertEquals("At Risk", RfmSegments.of(2, 4, 4));
        assertEquals("Loyal", RfmSegments.of(3, 4, 2));
        assertEquals("New", RfmSegments.of(5, 1, 1));
        assertEquals("Promising", RfmSegments.of(4, 1, 1));
        assertEquals("Potential Loyalist", RfmSegments.of(5, 2, 3));
        assertEquals("Need Attention", RfmSegments.of(3, 2, 2));
        assertEquals("Hibernating", RfmSegments.of(2, 1, 2));
        assertEquals("About to Sleep", RfmSegments.of(2, 3, 1));
        assertEquals("Lost", RfmSegments.of(1, 1, 1));
    }

    @Test
    void scoresOutsideOneToFiveAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RfmSegments.of(0, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> RfmSegments.of(3, 6, 3));
    }

    @Test
    void theSqlCaseListsTheBandsInPriorityOrder() {
        String sql = RfmSegments.sqlCase("r", "f", "m");
        int previous = -1;
        for (String name : RfmSegments.names()) {
            int at = sql.indexOf("'" + name.replace("'", "''") + "'");
            if (at <= previous) {
                throw new AssertionError(name + " is out of order in " + sql);
            }
            previous = at;
        }
    }
}
