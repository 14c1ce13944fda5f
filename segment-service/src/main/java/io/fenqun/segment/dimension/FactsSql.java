package io.fenqun.segment.dimension;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one statement that computes a customer's features and built-in dimension labels into
 * {@code customer_facts}: for one customer on each event, or for everyone in the recompute. Both
 * run the same expressions, so a customer is labelled alike either way. Scores that depend on the
 * whole population (RFM quintiles, value tiers) come from {@code population_cutoffs}: the recompute
 * derives new cut points from the data in the same statement and stores them; the per-event update
 * scores one customer against the stored ones.
 *
 * <p>Named parameters: {@code now}, {@code zone} (business time zone), the thresholds (see
 * {@link #bind}), and {@code customer} for one customer.
 */
final class FactsSql {

    private static final String QUINTILES = "ARRAY[0.2, 0.4, 0.6, 0.8]";

    /**
     * Cut points from this run's own aggregates, stored for the per-event updates by a
     * data-modifying CTE that runs with the statement (PostgreSQL wants those at the top level).
     */
    private static final String POPULATION_CUTOFFS =
            """
            buyers AS (SELECT recency, orders, spend FROM agg WHERE orders > 0),
                 revenue AS (SELECT spend365, sum(spend365) OVER (ORDER BY spend365 DESC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
                               FROM agg WHERE spend365 > 0),
                 total AS (SELECT sum(spend365) AS revenue FROM agg),
                 fresh AS (
                    SELECT coalesce((SELECT percentile_disc(%1$s) WITHIN GROUP (ORDER BY recency) FROM buyers), '{}') AS recency,
                           coalesce((SELECT percentile_disc(%1$s) WITHIN GROUP (ORDER BY orders) FROM buyers), '{}') AS frequency,
                           coalesce((SELECT percentile_disc(%1$s) WITHIN GROUP (ORDER BY spend) FROM buyers), '{}') AS monetary,
                           (SELECT min(r.spend365) FROM revenue r, total t WHERE coalesce(r.before, 0) < :valueAShare * t.revenue) AS value_a_min,
                           (SELECT min(r.spend365) FROM revenue r, total t WHERE coalesce(r.before, 0) < :valueBShare * t.revenue) AS value_b_min),
                 saved AS (UPDATE population_cutoffs p SET recency = fresh.recency, frequency = fresh.frequency,
                                  monetary = fresh.monetary, value_a_min = fresh.value_a_min,
                                  value_b_min = fresh.value_b_min, computed_at = CAST(:now AS timestamptz)
                             FROM fresh RETURNING p.singleton)"""
                    .formatted(QUINTILES);

    static final String ONE_CUSTOMER = statement(false);
    static final String POPULATION = statement(true);

    private FactsSql() {}

    private static String statement(boolean population) {
        String target = population
                ? "SELECT id, created_at FROM customer"
                : "SELECT id, created_at FROM customer WHERE id = :customer";
        String cutoffs = population
                ? POPULATION_CUTOFFS + ",\ncut AS (SELECT * FROM fresh)"
                : "cut AS (SELECT * FROM population_cutoffs)";
        return """
                WITH target AS (%s),
                agg AS (
                    SELECT t.id, t.created_at,
                           min(o.ordered_at) AS first_at,
                           max(o.ordered_at) AS last_at,
                           greatest(0, floor(extract(epoch FROM (CAST(:now AS timestamptz) - max(o.ordered_at))) / 86400))::int AS recency,
                           count(o.id)::int AS orders,
                           (count(o.id) FILTER (WHERE o.ordered_at > CAST(:now AS timestamptz) - interval '30 days'))::int AS n30,
                           (count(o.id) FILTER (WHERE o.ordered_at > CAST(:now AS timestamptz) - interval '90 days'))::int AS n90,
                           (count(o.id) FILTER (WHERE o.ordered_at > CAST(:now AS timestamptz) - interval '365 days'))::int AS n365,
                           coalesce(sum(o.total), 0) AS spend,
                           coalesce(sum(o.total) FILTER (WHERE o.ordered_at > CAST(:now AS timestamptz) - interval '365 days'), 0) AS spend365,
                           count(o.id) FILTER (WHERE o.ordered_at > CAST(:now AS timestamptz) - make_interval(days => :frequencyWindowDays)) AS nwin,
                           coalesce(sum(o.total) FILTER (WHERE o.ordered_at > CAST(:now AS timestamptz) - make_interval(days => :spendWindowDays)), 0) AS spendwin,
                           count(o.id) FILTER (WHERE extract(isodow FROM o.ordered_at AT TIME ZONE :zone) >= 6) AS weekend,
                           (mode() WITHIN GROUP (ORDER BY extract(hour FROM o.ordered_at AT TIME ZONE :zone)))::int AS favourite_hour
                      FROM target t
                      LEFT JOIN customer_order o ON o.customer_id = t.id AND o.status = 'PAID'
                     GROUP BY t.id, t.created_at),
                top AS (
                    SELECT DISTINCT ON (o.customer_id) o.customer_id, i.category
                      FROM customer_order o JOIN order_item i ON i.order_id = o.id
                     WHERE o.status = 'PAID' AND i.category IS NOT NULL AND o.customer_id IN (SELECT id FROM target)
                     GROUP BY o.customer_id, i.category
                     ORDER BY o.customer_id, sum(i.quantity * i.unit_price) DESC, i.category),
                %s
                INSERT INTO customer_facts AS f (customer_id, first_purchase_at, last_purchase_at, recency_days,
                       orders_total, orders_30d, orders_90d, orders_365d, spend_total, spend_365d, average_order_value,
                       tenure_days, weekend_share, favourite_hour, top_category, frequency_tier, spend_tier,
                       r_score, f_score, m_score, rfm_segment, lifecycle, value_tier, computed_at)
                SELECT a.id, a.first_at, a.last_at, a.recency, a.orders, a.n30, a.n90, a.n365, a.spend, a.spend365,
                       round(a.spend / nullif(a.orders, 0), 2),
                       greatest(0, floor(extract(epoch FROM (CAST(:now AS timestamptz) - coalesce(a.first_at, a.created_at))) / 86400))::int,
                       round(a.weekend::numeric / nullif(a.orders, 0), 4),
                       a.favourite_hour, top.category,
                       CASE WHEN a.nwin >= :frequencyHighOrders THEN 'high'
                            WHEN a.nwin >= :frequencyMediumOrders THEN 'medium' ELSE 'low' END,
                       CASE WHEN a.spendwin >= :spendHighAmount THEN 'high'
                            WHEN a.spendwin >= :spendMediumAmount THEN 'medium' ELSE 'low' END,
                       s.r, s.f, s.m,
                       %s,
                       CASE WHEN a.orders = 0 THEN 'potential'
                            WHEN a.first_at > CAST(:now AS timestamptz) - make_interval(days => :newWithinDays) THEN 'new'
                            WHEN a.recency <= :activeWithinDays THEN 'active'
                            WHEN a.recency <= :churnedAfterDays THEN 'at_risk'
                            ELSE 'churned' END,
                       CASE WHEN a.spend365 > 0 AND a.spend365 >= cut.value_a_min THEN 'A'
                            WHEN a.spend365 > 0 AND a.spend365 >= cut.value_b_min THEN 'B' ELSE 'C' END,
                       CAST(:now AS timestamptz)
                  FROM agg a
                 CROSS JOIN cut
                  LEFT JOIN top ON top.customer_id = a.id
                 CROSS JOIN LATERAL (SELECT %s AS r, %s AS f, %s AS m) s
                ON CONFLICT (customer_id) DO UPDATE SET
                       first_purchase_at = EXCLUDED.first_purchase_at, last_purchase_at = EXCLUDED.last_purchase_at,
                       recency_days = EXCLUDED.recency_days, orders_total = EXCLUDED.orders_total,
                       orders_30d = EXCLUDED.orders_30d, orders_90d = EXCLUDED.orders_90d,
                       orders_365d = EXCLUDED.orders_365d, spend_total = EXCLUDED.spend_total,
                       spend_365d = EXCLUDED.spend_365d, average_order_value = EXCLUDED.average_order_value,
                       tenure_days = EXCLUDED.tenure_days, weekend_share = EXCLUDED.weekend_share,
                       favourite_hour = EXCLUDED.favourite_hour, top_category = EXCLUDED.top_category,
                       frequency_tier = EXCLUDED.frequency_tier, spend_tier = EXCLUDED.spend_tier,
                       r_score = EXCLUDED.r_score, f_score = EXCLUDED.f_score, m_score = EXCLUDED.m_score,
                       rfm_segment = EXCLUDED.rfm_segment, lifecycle = EXCLUDED.lifecycle,
                       value_tier = EXCLUDED.value_tier, computed_at = EXCLUDED.computed_at"""
                .formatted(
                        target,
                        cutoffs,
                        "CASE WHEN s.r IS NULL THEN NULL ELSE " + RfmSegments.sqlCase("s.r", "s.f", "s.m") + " END",
                        score("a.recency", "<=", "cut.recency"),
                        score("a.orders", ">", "cut.frequency"),
                        score("a.spend", ">", "cut.monetary"));
    }

    /** 1-5: one plus the number of quintile cut points the value passes; none before a first recompute. */
    private static String score(String value, String passes, String cutPoints) {
        String passed = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> "(" + value + " " + passes + " " + cutPoints + "[" + i + "])::int")
                .collect(Collectors.joining(" + "));
        return "CASE WHEN a.orders = 0 OR cardinality(" + cutPoints + ") < 4 THEN NULL ELSE 1 + " + passed + " END";
    }
}
