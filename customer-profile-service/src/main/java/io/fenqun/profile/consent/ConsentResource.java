package io.fenqun.profile.consent;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/customers/{customerId}/consents")
@Tag(name = "Consent", description = "Consent per channel and purpose (PIPL/GDPR), with its full history")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private final ConsentService service;
    private final SecurityIdentity identity;

    public ConsentResource(ConsentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(summary = "Current consents", description = "The latest decision per channel and purpose.")
    public Uni<CustomerConsents> current(@PathParam("customerId") String customerId) {
        return service.current(Ids.parse(customerId, "Customer"), caller());
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER})
    @Operation(
            summary = "Record consent decisions",
            description = "Records every change or none and answers the current consents. A decision dated before"
                    + " one already recorded joins the history without changing the current state. Send an"
                    + " Idempotency-Key to make retries safe.")
    public Uni<RestResponse<CustomerConsents>> record(
            @PathParam("customerId") String customerId,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull ConsentChanges input) {
        return service.record(Ids.parse(customerId, "Customer"), idempotencyKey, input, caller())
                .map(outcome -> RestResponse.status(RestResponse.Status.OK, outcome.body()));
    }

    @PUT
    @Path("/{channel}/{purpose}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER})
    @Operation(
            summary = "Record one consent decision",
            description = "Grants or withdraws one channel and purpose; answers the consent now current for it."
                    + " A withdrawal applies at once.")
    public Uni<ConsentView> decide(
            @PathParam("customerId") String customerId,
            @Parameter(description = "EMAIL, SMS, PHONE, WECHAT, APP_PUSH or POST") @PathParam("channel")
                    String channel,
            @Parameter(description = "MARKETING or SERVICE") @PathParam("purpose") String purpose,
            @Valid @NotNull ConsentDecision decision) {
        ConsentChangeInput change = decision.forChannel(ConsentRules.channel(channel), ConsentRules.purpose(purpose));
        return service.record(Ids.parse(customerId, "Customer"), change, caller());
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(summary = "Consent history", description = "Every decision recorded, latest first.")
    public Uni<Page<ConsentChangeView>> history(
            @PathParam("customerId") String customerId,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.history(Ids.parse(customerId, "Customer"), PageRequest.of(limit, cursor), caller());
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
