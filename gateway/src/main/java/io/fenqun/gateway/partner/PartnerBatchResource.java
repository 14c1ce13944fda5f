package io.fenqun.gateway.partner;

import io.fenqun.kit.http.RequestIds;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/partner")
@Tag(name = "Partner sync", description = "Batch upserts by external id for partner systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.PARTNER})
public class PartnerBatchResource {

    private final PartnerBatchService service;
    private final SecurityIdentity identity;

    public PartnerBatchResource(PartnerBatchService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/customers:batch")
    @Operation(
            summary = "Upsert up to 500 customers by external id",
            description = "Each record is one PUT /api/v1/customers/by-external-id/{source}/{externalId}; the answer"
                    + " lists each record's status and body in order. Send an Idempotency-Key to make a retried"
                    + " batch answer its first result.")
    public Uni<BatchResponse> customers(
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(RequestIds.HEADER) String requestId,
            @Valid @NotNull BatchRequest request) {
        return upsert(PartnerBatchService.Kind.CUSTOMERS, idempotencyKey, authorization, requestId, request);
    }

    @POST
    @Path("/orders:batch")
    @Operation(
            summary = "Upsert up to 500 orders by external id",
            description = "Each record is one PUT /api/v1/orders/by-external-id/{source}/{externalId}; otherwise as"
                    + " the customer batch.")
    public Uni<BatchResponse> orders(
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(RequestIds.HEADER) String requestId,
            @Valid @NotNull BatchRequest request) {
        return upsert(PartnerBatchService.Kind.ORDERS, idempotencyKey, authorization, requestId, request);
    }

    private Uni<BatchResponse> upsert(
            PartnerBatchService.Kind kind,
            String idempotencyKey,
            String authorization,
            String requestId,
            BatchRequest request) {
        return service.upsert(
                kind, request, identity.getPrincipal().getName(), idempotencyKey, authorization, requestId);
    }
}
