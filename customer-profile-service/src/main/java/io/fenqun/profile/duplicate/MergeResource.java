package io.fenqun.profile.duplicate;

import io.fenqun.kit.http.ETags;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.security.Roles;
import io.fenqun.profile.customer.CustomerView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/customers/{id}/merge")
@Tag(name = "Duplicates")
@Produces(MediaType.APPLICATION_JSON)
public class MergeResource {

    private final DuplicateService duplicates;

    public MergeResource(DuplicateService duplicates) {
        this.duplicates = duplicates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT})
    @Operation(
            summary = "Merge a duplicate into this customer",
            description = "Empty fields are filled from the duplicate, lists are joined, and orders, interactions, "
                    + "points, consents and external ids move over. The duplicate remains as MERGED with `mergedInto`.")
    public Uni<RestResponse<CustomerView>> merge(
            @PathParam("id") String survivorId,
            @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull MergeRequest request) {
        return duplicates
                .merge(Ids.parse(survivorId, "Customer"), request.duplicateId(), ETags.expectedVersion(ifMatch))
                .map(view -> ETags.ok(view, view.version()));
    }
}
