package io.fenqun.campaign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpliftTest {

    @Test
    void differenceOfRatesWithANormalInterval() {
        Uplift uplift = Uplift.of(9000, 900, 1000, 50);
        assertEquals(0.10, uplift.treatedRate(), 1e-12);
        assertEquals(0.05, uplift.controlRate(), 1e-12);
        assertEquals(0.05, uplift.difference(), 1e-12);
        double se = Math.sqrt(0.1 * 0.9 / 9000 + 0.05 * 0.95 / 1000);
        assertEquals(0.05 - 1.959963984540054 * se, uplift.lower95(), 1e-12);
        assertEquals(0.05 + 1.959963984540054 * se, uplift.upper95(), 1e-12);
        assertTrue(uplift.significant());
    }

    @Test
    void smallGroupsGiveWideIntervals() {
        Uplift uplift = Uplift.of(20, 3, 5, 0);
        assertTrue(uplift.lower95() < 0.15 && uplift.upper95() > 0.15);
        assertFalse(Uplift.of(100, 10, 100, 9).significant());
    }

    @Test
    void noControlGroupNoUplift() {
        assertNull(Uplift.of(100, 10, 0, 0));
    }
}
