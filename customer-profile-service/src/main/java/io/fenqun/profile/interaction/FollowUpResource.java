package io.fenqun.profile.interaction;

import io.fenqun.kit.http.ETags;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Interactions by id and the follow-ups across customers; a customer's own list is under the customer. */
@Path("/api/v1")
@Tag(name = "Interactions", description = "Contacts with customers and their follow-ups (跟进/回访)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FollowUpResource {

    private final InteractionService service;
    private final SecurityIdentity identity;

    public FollowUpResource(InteractionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("/interactions/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "Get one interaction")
    public Uni<RestResponse<InteractionView>> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "Interaction"), caller()).map(FollowUpResource::withETag);
    }

    @GET
    @Path("/follow-ups/due")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST})
    @Operation(
            summary = "Follow-ups due",
            description = "Open follow-ups due on or before a business date (in the business time zone) for one"
                    + " owner: the customer's sales owner, or the staff member who logged the contact when the"
                    + " customer has none. Oldest due first.")
    public Uni<Page<DueFollowUp>> due(
            @Parameter(description = "Default: the caller") @QueryParam("owner") String owner,
            @Parameter(description = "A business date, default today") @QueryParam("before") String before,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.due(owner, before, PageRequest.of(limit, cursor), caller());
    }

    @POST
    @Path("/follow-ups/{interactionId}/complete")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES})
    @Operation(
            summary = "Complete a follow-up",
            description = "The JSON body may be empty. Send the interaction's ETag as If-Match; a stale one gets 412.")
    public Uni<RestResponse<InteractionView>> complete(
            @PathParam("interactionId") String interactionId,
            @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid FollowUpCompletion completion) {
        return service.completeFollowUp(
                        Ids.parse(interactionId, "Interaction"), completion, ETags.expectedVersion(ifMatch), caller())
                .map(FollowUpResource::withETag);
    }

    private static RestResponse<InteractionView> withETag(InteractionView view) {
        return RestResponse.ResponseBuilder.ok(view)
                .tag(ETags.of(view.version()))
                .build();
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
