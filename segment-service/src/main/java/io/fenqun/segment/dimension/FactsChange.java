package io.fenqun.segment.dimension;

import java.util.List;

/**
 * What a recompute changed about a customer. The recompute notes each customer it changed in a
 * table of candidates that lives for its transaction, with the changes as bits, so that each
 * segment is evaluated again only for the customers whose changes its rule can see (most customers
 * a night moves only had an order leave a time window, which most rules do not read).
 */
public enum FactsChange {
    /** Aggregated again from scratch: any stored fact. */
    ALL(List.of()),
    /** An order left a time window: the windowed counts and the tiers built on them. */
    WINDOWED(List.of("orders_30d", "orders_90d", "orders_365d", "spend_365d", "frequency_tier", "spend_tier")),
    /** Relabelled against the population: RFM scores and segment, lifecycle stage, value tier. */
    LABELS(List.of("r_score", "f_score", "m_score", "rfm_segment", "lifecycle", "value_tier")),
    /** A rule's day boundary passed over one of the customer's timestamps; nothing stored changed. */
    CLOCK(List.of()),
    /** Entered or left a segment in this recompute. */
    MEMBERSHIP(List.of());

    /** The candidates of the running recompute; dropped when its transaction ends. */
    public static final String CANDIDATES_TABLE = "CREATE TEMP TABLE recompute_candidate"
            + " (customer_id uuid PRIMARY KEY, changes int NOT NULL) ON COMMIT DROP";

    private final List<String> columns;

    FactsChange(List<String> columns) {
        this.columns = columns;
    }

    /** The {@code customer_facts} columns this change writes; empty for none in particular. */
    public List<String> columns() {
        return columns;
    }

    public int bit() {
        return 1 << ordinal();
    }

    /** SQL adding this change to the candidates, for the customer ids {@code customerIds} selects. */
    public String note(String customerIds) {
        return "INSERT INTO recompute_candidate AS k (customer_id, changes) SELECT customer_id, " + bit()
                + " FROM (" + customerIds + ") noted (customer_id)"
                + " ON CONFLICT (customer_id) DO UPDATE SET changes = k.changes | EXCLUDED.changes";
    }
}
