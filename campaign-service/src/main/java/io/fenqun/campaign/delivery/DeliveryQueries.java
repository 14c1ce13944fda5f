package io.fenqun.campaign.delivery;

import io.fenqun.campaign.db.NativeSql;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.time.Utc;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Pages of deliveries for the API; runs in the caller's session. */
@ApplicationScoped
public class DeliveryQueries {

    private static final String COLUMNS =
            """
            SELECT id, customer_id, segment_id, channel, variant, status, reason, attempts, planned_at, sent_at,
                   delivered_at, opened_at, clicked_at, unsubscribed_at, converted_at, conversion_revenue, campaign_id
              FROM delivery
            """;

    /** A campaign's messages in id order, optionally in one status. */
    public Uni<Page<DeliveryView>> ofCampaign(UUID campaign, String status, PageRequest page) {
        return NativeSql.of(
                        COLUMNS
                                + """
                         WHERE campaign_id = :campaign AND id > :after
                           AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
                         ORDER BY id LIMIT :limit""")
                .bind("campaign", campaign)
                .bind("after", page.after() == null ? new UUID(0, 0) : Ids.parse(page.after(), "Cursor"))
                .bind("status", status)
                .bind("limit", page.fetchSize())
                .rows()
                .map(rows -> page.page(rows.stream().map(DeliveryQueries::view).toList(), v -> v.id().toString()));
    }

    /** One customer's messages, newest first (ids are time-ordered). */
    public Uni<Page<DeliveryView>> ofCustomer(UUID customer, PageRequest page) {
        return NativeSql.of(
                        COLUMNS
                                + """
                         WHERE customer_id = :customer AND id < :before
                         ORDER BY id DESC LIMIT :limit""")
                .bind("customer", customer)
                .bind("before", page.after() == null ? new UUID(-1L, -1L) : Ids.parse(page.after(), "Cursor"))
                .bind("limit", page.fetchSize())
                .rows()
                .map(rows -> page.page(rows.stream().map(DeliveryQueries::view).toList(), v -> v.id().toString()));
    }

    private static DeliveryView view(Object[] r) {
        return new DeliveryView(
                (UUID) r[0],
                (UUID) r[16],
                (UUID) r[1],
                (UUID) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                ((Number) r[7]).intValue(),
                Utc.of(r[8]),
                time(r[9]),
                time(r[10]),
                time(r[11]),
                time(r[12]),
                time(r[13]),
                time(r[14]),
                (BigDecimal) r[15]);
    }

    private static OffsetDateTime time(Object column) {
        return column == null ? null : Utc.of(column);
    }
}
