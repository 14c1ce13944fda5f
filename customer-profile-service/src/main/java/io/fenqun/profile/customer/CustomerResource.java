package io.fenqun.profile.customer;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/customers")
@Tag(name = "Customers", description = "The customer database")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService service;
    private final SecurityIdentity identity;

    public CustomerResource(CustomerService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER})
    @Operation(summary = "Create a customer", description = "Send an Idempotency-Key to make retries safe.")
    public Uni<Response> create(
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull CustomerInput input,
            UriInfo uri) {
        return service.create(idempotencyKey, input, caller())
                .map(outcome -> ETags.created(
                        outcome,
                        uri.getAbsolutePathBuilder()
                                .path(outcome.body().id().toString())
                                .build(),
                        outcome.body().version()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(
            summary = "Search customers",
            description = "Substring match on name (Chinese too), phone or email with `q`; exact tag, city and owner.")
    public Uni<Page<CustomerView>> search(
            @QueryParam("q") String q,
            @QueryParam("name") String name,
            @QueryParam("phone") String phone,
            @QueryParam("email") String email,
            @QueryParam("tag") String tag,
            @QueryParam("city") String city,
            @QueryParam("owner") String owner,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.search(
                new CustomerSearch(q, name, phone, email, tag, city, owner), PageRequest.of(limit, cursor), caller());
    }

    @POST
    @Path("/contacts")
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Operation(
            summary = "Contact details of many customers",
            description = "For services that send messages: up to 1000 ids per call, unmasked, active customers only.")
    public Uni<CustomerContacts> contacts(@Valid @NotNull ContactLookup lookup) {
        return service.contacts(lookup.ids());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(summary = "Get one customer")
    public Uni<RestResponse<CustomerView>> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "Customer"), caller()).map(v -> ETags.ok(v, v.version()));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER})
    @Operation(
            summary = "Replace a customer",
            description = "Send the ETag you read as If-Match; a stale one gets 412.")
    public Uni<RestResponse<CustomerView>> replace(
            @PathParam("id") String id,
            @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull CustomerInput input) {
        return service.replace(Ids.parse(id, "Customer"), input, ETags.expectedVersion(ifMatch), caller())
                .map(v -> ETags.ok(v, v.version()));
    }

    @PUT
    @Path("/by-external-id/{source}/{externalId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.PARTNER})
    @Operation(
            summary = "Upsert by a partner's external id",
            description = "Creates (201) or replaces (200) the customer a partner system knows by this id; "
                    + "an unknown id is matched by phone, then email, before a new customer is made.")
    public Uni<Response> upsert(
            @PathParam("source") String source,
            @PathParam("externalId") String externalId,
            @Valid @NotNull CustomerInput input) {
        return service.upsertByExternalId(source, externalId, input, caller())
                .map(u -> Response.status(u.created() ? 201 : 200)
                        .tag(ETags.of(u.customer().version()))
                        .entity(u.customer())
                        .build());
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
