package io.fenqun.segment.dimension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void everyPresetIsConsistent() {
        BusinessPresets.ALL.forEach(Thresholds::checked);
        assertEquals(Thresholds.BusinessType.values().length - 1, BusinessPresets.ALL.size(), "all but CUSTOM");
    }

    @Test
    void rulesAcrossFieldsNameTheFieldAtFault() {
        Thresholds bad = new Thresholds(
                Thresholds.BusinessType.CUSTOM,
                30,
                2,
                5,
                30,
                new BigDecimal("100"),
                new BigDecimal("500"),
                14,
                90,
                90,
                new BigDecimal("0.9"),
                new BigDecimal("0.7"));
        ProblemException e = assertThrows(ProblemException.class, bad::checked);
        assertEquals(
                List.of("frequencyMediumOrders", "spendMediumAmount", "activeWithinDays", "valueAShare"),
                e.problem().errors().stream().map(Problem.FieldError::field).toList());
    }
}
