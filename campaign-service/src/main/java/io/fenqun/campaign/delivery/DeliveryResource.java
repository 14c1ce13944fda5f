package io.fenqun.campaign.delivery;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    private final DeliveryQueries queries;

    public DeliveryResource(DeliveryQueries queries) {
        this.queries = queries;
    }

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
        return queries.ofCampaign(campaign, status, PageRequest.of(limit, cursor));
    }
}
