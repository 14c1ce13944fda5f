package io.fenqun.profile.loyalty;

import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers/{id}/points")
@Tag(name = "Loyalty", description = "Points earned on purchases, redeemed, expired and adjusted; tiers")
@Produces(MediaType.APPLICATION_JSON)
public class LoyaltyResource {

    private final LoyaltyService loyalty;
    private final IdempotencyKeys idempotency;
    private final SecurityIdentity identity;

    public LoyaltyResource(LoyaltyService loyalty, IdempotencyKeys idempotency, SecurityIdentity identity) {
        this.loyalty = loyalty;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(summary = "Balance, tier and points to the next tier")
    public Uni<PointsSummary> summary(@PathParam("id") String id) {
        return loyalty.summary(Ids.parse(id, "Customer"), caller());
    }

    @GET
    @Path("/ledger")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(summary = "The points ledger, newest first")
    public Uni<Page<PointsEntry>> ledger(
            @PathParam("id") String id, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return loyalty.ledger(Ids.parse(id, "Customer"), PageRequest.of(limit, cursor), caller());
    }

    @POST
    @Path("/redemptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES})
    @WithTransaction
    @Operation(
            summary = "Redeem points",
            description = "Spends the points that expire first; more than the balance is 409.")
    public Uni<Response> redeem(
            @PathParam("id") String id,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull PointsChange change) {
        Caller caller = caller();
        return once(
                caller.userId() + ":points.redeem:" + id,
                idempotencyKey,
                change,
                () -> loyalty.redeem(Ids.parse(id, "Customer"), change, caller));
    }

    @POST
    @Path("/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT})
    @WithTransaction
    @Operation(summary = "Correct a balance up or down, with a reason")
    public Uni<Response> adjust(
            @PathParam("id") String id,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull PointsChange change) {
        Caller caller = caller();
        return once(
                caller.userId() + ":points.adjust:" + id,
                idempotencyKey,
                change,
                () -> loyalty.adjust(Ids.parse(id, "Customer"), change, caller));
    }

    /** A points change made at most once per Idempotency-Key. */
    private Uni<Response> once(
            String scope, String idempotencyKey, PointsChange change, Supplier<Uni<PointsEntry>> make) {
        return idempotency
                .once(scope, idempotencyKey, change, PointsEntry.class, make, e -> e.id().toString(), 201)
                .map(outcome ->
                        Response.status(outcome.status()).entity(outcome.body()).build());
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
