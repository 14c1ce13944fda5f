package io.fenqun.profile.privacy;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/customers/{id}")
@Tag(name = "Privacy", description = "Data subject requests: export and erasure")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    private final PrivacyService privacy;

    public PrivacyResource(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @GET
    @Path("/export")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT})
    @Operation(
            summary = "Export everything held on a customer",
            description = "Profile, every feature's records and the feed events about them.")
    public Uni<CustomerExport> export(@PathParam("id") String id) {
        return privacy.export(Ids.parse(id, "Customer"));
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT})
    @Operation(
            summary = "Erase a customer's personal data",
            description = "Removes name, contacts, birth date, address line and free text everywhere, keeps anonymous "
                    + "order facts, and publishes customer.erased. Repeating it is harmless.")
    public Uni<RestResponse<Void>> erase(@PathParam("id") String id) {
        return privacy.erase(Ids.parse(id, "Customer")).map(ignored -> RestResponse.noContent());
    }
}
