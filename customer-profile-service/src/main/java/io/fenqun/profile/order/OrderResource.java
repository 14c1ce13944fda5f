package io.fenqun.profile.order;

import io.fenqun.kit.http.ETags;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/orders")
@Tag(name = "Orders", description = "What customers bought")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService service;
    private final SecurityIdentity identity;

    public OrderResource(OrderService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER})
    @Operation(
            summary = "Record an order",
            description = "`total` must equal the sum of the items when items are given.")
    public Uni<Response> record(
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey, @Valid @NotNull OrderInput input, UriInfo uri) {
        return service.record(idempotencyKey, input, caller())
                .map(outcome -> ETags.created(
                        outcome,
                        uri.getBaseUriBuilder()
                                .path("api/v1/orders")
                                .path(outcome.body().id().toString())
                                .build(),
                        outcome.body().version()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/by-external-id/{source}/{externalId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.PARTNER})
    @Operation(
            summary = "Upsert an order by a partner's external id",
            description = "201 when created, 200 when replaced or unchanged.")
    public Uni<Response> upsert(
            @PathParam("source") String source,
            @PathParam("externalId") String externalId,
            @Valid @NotNull OrderInput input) {
        return service.upsertByExternalId(source, externalId, input, caller())
                .map(u -> Response.status(u.created() ? 201 : 200)
                        .tag(ETags.of(u.order().version()))
                        .entity(u.order())
                        .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(summary = "Get one order")
    public Uni<RestResponse<OrderView>> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "Order"), caller()).map(v -> ETags.ok(v, v.version()));
    }

    @POST
    @Path("/{id}/refund")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER})
    @Operation(summary = "Refund a paid order in full")
    public Uni<RestResponse<OrderView>> refund(
            @PathParam("id") String id, @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return service.refund(Ids.parse(id, "Order"), ETags.expectedVersion(ifMatch), caller())
                .map(v -> ETags.ok(v, v.version()));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER})
    @Operation(summary = "Cancel a paid order")
    public Uni<RestResponse<OrderView>> cancel(
            @PathParam("id") String id, @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return service.cancel(Ids.parse(id, "Order"), ETags.expectedVersion(ifMatch), caller())
                .map(v -> ETags.ok(v, v.version()));
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
