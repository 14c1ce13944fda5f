package io.fenqun.segment.dimension;

import io.fenqun.kit.http.ETags;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/segment-settings")
@Tag(name = "Dimension thresholds", description = "How the built-in dimensions classify, per business type")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ThresholdResource {

    private final ThresholdSettings settings;

    public ThresholdResource(ThresholdSettings settings) {
        this.settings = settings;
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "The thresholds in force")
    public Uni<RestResponse<Thresholds>> get() {
        return settings.current().map(c -> ETags.ok(c.thresholds(), c.version()));
    }

    @PUT
    @WithTransaction
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Change the thresholds",
            description = "Start from a preset (GET /presets) or the current ones. Takes effect on the next recompute; "
                    + "send the ETag you read as If-Match.")
    public Uni<RestResponse<Thresholds>> put(
            @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull Thresholds thresholds) {
        return settings.save(thresholds.checked(), ETags.expectedVersion(ifMatch))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.preconditionFailed("The thresholds changed since you read them"))
                .map(c -> ETags.ok(c.thresholds(), c.version()));
    }

    @GET
    @Path("/presets")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "Presets per business type", description = "Fresh produce, jewellery, retail shop, B2B.")
    public List<Thresholds> presets() {
        return BusinessPresets.ALL;
    }
}
