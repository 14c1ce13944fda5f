package io.fenqun.segment.dimension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The value-tier cut points, found through revenue per whole unit of currency, are exactly those of the plain
 * definition: every spend sorted, largest first, with the revenue before it. Spends crowd into a
 * few units and repeat, so the share is often reached inside a unit and among equal spends.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ValueTierCutTest {

    /** The definition, by sorting everyone. */
    private static final String EVERY_SPEND_SORTED =
            """
            WITH revenue AS (SELECT cents, sum(cents) OVER (ORDER BY cents DESC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before,
                                    sum(cents) OVER () AS total
                               FROM (SELECT CAST(spend_365d * 100 AS bigint) AS cents
                                       FROM customer_facts WHERE spend_365d > 0) s)
            SELECT CAST(min(cents) FILTER (WHERE coalesce(before, 0) < CAST(? AS numeric) * total) / 100.0 AS numeric(16,2)),
                   CAST(min(cents) FILTER (WHERE coalesce(before, 0) < CAST(? AS numeric) * total) / 100.0 AS numeric(16,2))
              FROM revenue""";

    private static final String BY_WHOLE_UNIT =
            "WITH " + FactsSql.VALUE_TIERS.replace(":valueAShare", "?").replace(":valueBShare", "?")
                    + "\nSELECT value_a_min, value_b_min FROM tiers";

    private static final List<String> SPENDS = List.of(
            // Within a few units, with repeats.
            "round(CAST(20 + random() * 3 AS numeric), 1)",
            // A long tail: a few large spends and many small ones, some of them none.
            "round(CAST(CASE WHEN random() < 0.05 THEN 5000 * random() ELSE 40 * random() - 5 END AS numeric), 2)",
            // Everyone the same.
            "88.88");

    private static final List<String> SHARES = List.of("0", "0.001", "0.3", "0.7", "0.9", "0.999", "1");

    @Test
    void cutPointsByWholeUnitAreThoseOfEverySpendSorted() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            for (String spend : SPENDS) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT setseed(0.42)");
                    s.execute("DELETE FROM customer_facts");
                    s.execute(
                            """
                            WITH added AS (
                                INSERT INTO customer (id, kind, created_at, updated_at)
                                SELECT gen_random_uuid(), 'PERSON', now(), now() FROM generate_series(1, 3000)
                                RETURNING id)
                            INSERT INTO customer_facts (customer_id, spend_365d)
                            SELECT id, greatest(0, %s) FROM added"""
                                    .formatted(spend));
                }
                for (String a : SHARES) {
                    for (String b : SHARES) {
                        assertEquals(
                                Arrays.asList(cutPoints(c, EVERY_SPEND_SORTED, a, b)),
                                Arrays.asList(cutPoints(c, BY_WHOLE_UNIT, a, b)),
                                spend + " with shares " + a + " and " + b);
                    }
                }
            }
            c.rollback();
        }
    }

    private static BigDecimal[] cutPoints(Connection c, String sql, String aShare, String bShare) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, aShare);
            p.setString(2, bShare);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)};
            }
        }
    }
}
