package io.fenqun.gateway.apikey;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/api-keys")
@Tag(name = "API keys", description = "Partner API keys (admins only)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ApiKeyResource {

    private final ApiKeyService service;
    private final SecurityIdentity identity;

    public ApiKeyResource(ApiKeyService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(
            summary = "Create a partner API key",
            description = "The answer holds the secret once; the partner sends it as X-Api-Key. Scopes: read, sync,"
                    + " import, feed:<service>.")
    public Uni<Response> create(@Valid @NotNull ApiKeyInput input, UriInfo uri) {
        return service.create(input, identity.getPrincipal().getName())
                .map(created -> Response.created(uri.getAbsolutePathBuilder()
                                .path(created.key().id().toString())
                                .build())
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "List API keys, newest first")
    public Uni<Page<ApiKeyView>> list(
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one API key")
    public Uni<ApiKeyView> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "API key"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key", description = "Calls with it answer 401 from now on.")
    public Uni<ApiKeyView> revoke(@PathParam("id") String id) {
        return service.revoke(Ids.parse(id, "API key"), identity.getPrincipal().getName());
    }
}
