package io.fenqun.campaign.policy;

import io.fenqun.kit.http.ETags;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1")
@Tag(
        name = "Contact policy",
        description = "Frequency caps, quiet hours and the do-not-contact list, for every campaign")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyStore store;
    private final SecurityIdentity identity;

    public PolicyResource(PolicyStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @GET
    @Path("/contact-policy")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(summary = "The contact policy", description = "Version 0 means the defaults have never been changed.")
    @WithSession
    public Uni<RestResponse<PolicySettings>> policy() {
        return store.settings().map(v -> ETags.ok(v.settings(), v.version()));
    }

    @PUT
    @Path("/contact-policy")
    @RolesAllowed({Roles.ADMIN})
    @Operation(
            summary = "Change the contact policy",
            description = "Applies to the next message sent. Send the ETag you read as If-Match (412 when stale).")
    @WithTransaction
    public Uni<RestResponse<PolicySettings>> replace(
            @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull PolicySettings settings) {
        Long expected = ETags.expectedVersion(ifMatch);
        return store.settings()
                .flatMap(current -> store.replace(settings, expected == null ? current.version() : expected))
                .flatMap(replaced -> {
                    if (!replaced) {
                        throw ProblemException.preconditionFailed(
                                "The policy changed since you read it; read it again");
                    }
                    return store.settings();
                })
                .map(v -> ETags.ok(v.settings(), v.version()));
    }

    @GET
    @Path("/do-not-contact")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.SUPPORT})
    @Operation(summary = "The do-not-contact list")
    @WithSession
    public Uni<Page<DoNotContactEntry>> doNotContact(
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        UUID after = page.after() == null ? null : Ids.parse(page.after(), "Cursor");
        return store.doNotContactList(after, page.fetchSize())
                .map(rows -> page.page(
                        rows.stream()
                                .map(r ->
                                        new DoNotContactEntry((UUID) r[0], (String) r[1], (String) r[2], Utc.of(r[3])))
                                .toList(),
                        e -> e.customerId().toString()));
    }

    @PUT
    @Path("/do-not-contact/{customerId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT})
    @Operation(
            summary = "Never contact this customer",
            description = "No campaign message of any kind, transactional ones included, from the next message on.")
    @WithTransaction
    public Uni<Void> add(@PathParam("customerId") String customerId, @Valid @NotNull DoNotContactInput input) {
        return store.doNotContact(
                Ids.parse(customerId, "Customer"),
                input.reason(),
                Caller.of(identity).userId());
    }

    @DELETE
    @Path("/do-not-contact/{customerId}")
    @RolesAllowed({Roles.ADMIN})
    @Operation(summary = "Take a customer off the do-not-contact list")
    @WithTransaction
    public Uni<Void> remove(@PathParam("customerId") String customerId) {
        UUID id = Ids.parse(customerId, "Customer");
        return store.allowContact(id).map(removed -> {
            if (!removed) {
                throw ProblemException.notFound("Do-not-contact entry", id);
            }
            return null;
        });
    }
}
