package io.fenqun.profile.duplicate;

import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers/duplicates")
@Tag(name = "Duplicates", description = "Customers that may be one person, and merging them")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicateResource {

    private final DuplicateService duplicates;

    public DuplicateResource(DuplicateService duplicates) {
        this.duplicates = duplicates;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT})
    @Operation(
            summary = "Likely duplicate pairs",
            description = "Same email, same name with the same city or birth date, or similar names in the same city.")
    public Uni<Page<DuplicateCandidate>> candidates(
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return duplicates.candidates(PageRequest.of(limit, cursor));
    }
}
