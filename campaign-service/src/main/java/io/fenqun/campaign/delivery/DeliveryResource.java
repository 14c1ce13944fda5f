package io.fenqun.campaign.delivery;

import io.fenqun.campaign.db.NativeSql;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Roles;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns/{id}/deliveries")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private static final Set<String> STATUSES =
            Set.of("HOLDOUT", "PENDING", "SENDING", "SENT", "DELIVERED", "FAILED", "EXCLUDED", "IN_DOUBT");

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(
            summary = "A campaign's messages",
            description = "Per-message status, in id order; optionally one status.")
    @WithSession
    public Uni<Page<DeliveryView>> list(
            @PathParam("id") String id,
            @QueryParam("status") String status,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        UUID campaign = Ids.parse(id, "Campaign");
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalidField("status", "must be one of " + STATUSES);
        }
        PageRequest page = PageRequest.of(limit, cursor);
        UUID after = page.after() == null ? new UUID(0, 0) : Ids.parse(page.after(), "Cursor");
        return NativeSql.of(
                        """
                        SELECT id, customer_id, segment_id, channel, variant, status, reason, attempts, planned_at, sent_at,
                               delivered_at, opened_at, clicked_at, unsubscribed_at, converted_at, conversion_revenue
                          FROM delivery
                         WHERE campaign_id = :campaign AND id > :after
                           AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
                         ORDER BY id LIMIT :limit""")
                .bind("campaign", campaign)
                .bind("after", after)
                .bind("status", status)
                .bind("limit", page.fetchSize())
                .rows()
                .map(rows -> page.page(
                        rows.stream()
                                .map(r -> new DeliveryView(
                                        (UUID) r[0],
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
                                        (BigDecimal) r[15]))
                                .toList(),
                        v -> v.id().toString()));
    }

    private static java.time.OffsetDateTime time(Object column) {
        return column == null ? null : Utc.of(column);
    }
}
