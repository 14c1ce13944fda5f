package io.fenqun.segment.recompute;

import io.fenqun.kit.security.Roles;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/recomputes")
@Tag(name = "Recompute", description = "Whole-population classification, nightly and on demand")
@Produces(MediaType.APPLICATION_JSON)
public class RecomputeResource {

    private final RecomputeService service;

    public RecomputeResource(RecomputeService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Recompute everyone now",
            description = "Features, RFM and value cut points, built-in dimensions and every segment, with the "
                    + "thresholds in force. Customers whose orders have not left a time window keep their "
                    + "aggregates (events keep them current) unless full=true, which also evaluates every "
                    + "segment for everyone. 409 while another recompute runs.")
    public Uni<RecomputeResult> recompute(
            @Parameter(description = "Aggregate every customer again and evaluate every segment for everyone")
                    @QueryParam("full")
                    boolean full) {
        return service.recompute(full);
    }

    /** Nightly, so everything that ages with the calendar (recency, lifecycle) moves on. */
    @Scheduled(
            cron = "${fenqun.segments.recompute-cron:0 30 2 * * ?}",
            timeZone = "${fenqun.business-zone:Asia/Shanghai}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return service.recompute(false).replaceWithVoid();
    }
}
