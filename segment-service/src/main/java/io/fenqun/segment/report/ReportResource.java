package io.fenqun.segment.report;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "Reports", description = "Segment sizes, shares, trends and migrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/segment-reports/segments/{id}")
    @Operation(
            summary = "One segment's report",
            description = "Size, share of customers, revenue share, average order value and frequency (last 365 "
                    + "days), and the daily trend of the last `days` days.")
    public Uni<SegmentReport> segment(@PathParam("id") String id, @QueryParam("days") @DefaultValue("90") int days) {
        return reports.segment(Ids.parse(id, "Segment"), days);
    }

    @GET
    @Path("/segment-reports/migration")
    @Operation(
            summary = "Migration matrix of a built-in dimension",
            description = "Customers counted by their value at the end of `from` and at the end of `to` "
                    + "(business days, yyyy-MM-dd), e.g. who moved from Champions to At Risk.")
    public Uni<MigrationMatrix> migration(
            @QueryParam("dimension") String dimension,
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        return reports.migration(dimension, from, to);
    }

    @GET
    @Path("/dimensions")
    @Operation(
            summary = "Every dimension at a glance",
            description = "Customers and revenue share per value of each built-in dimension, geography, needs, "
                    + "industry and company size, for dashboards.")
    public Uni<DimensionOverview> overview() {
        return reports.overview();
    }
}
