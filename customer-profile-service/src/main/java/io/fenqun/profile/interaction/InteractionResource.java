package io.fenqun.profile.interaction;

import io.fenqun.kit.http.ETags;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers/{customerId}/interactions")
@Tag(name = "Interactions", description = "Contacts with customers and their follow-ups (跟进/回访)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InteractionResource {

    private final InteractionService service;
    private final SecurityIdentity identity;

    public InteractionResource(InteractionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES})
    @Operation(
            summary = "Log an interaction",
            description = "Staff is the caller unless an admin names another. nextFollowUpAt schedules a follow-up"
                    + " on a business date or at an instant. Send an Idempotency-Key to make retries safe.")
    public Uni<Response> log(
            @PathParam("customerId") String customerId,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull InteractionInput input) {
        return service.log(Ids.parse(customerId, "Customer"), idempotencyKey, input, caller())
                .map(outcome -> ETags.created(
                        outcome,
                        UriBuilder.fromPath("/api/v1/interactions/{id}")
                                .build(outcome.body().id()),
                        outcome.body().version()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "List a customer's interactions", description = "Newest first.")
    public Uni<Page<InteractionView>> list(
            @PathParam("customerId") String customerId,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.ofCustomer(Ids.parse(customerId, "Customer"), PageRequest.of(limit, cursor), caller());
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
