package io.fenqun.segment.segment;

import io.fenqun.kit.http.ETags;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.security.Roles;
import io.fenqun.segment.rule.Field;
import io.fenqun.segment.rule.FieldCatalogue;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/segments")
@Tag(name = "Segments", description = "Built-in dimension values and custom segments, with their members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SegmentResource {

    private final SegmentService service;
    private final MemberExport export;

    public SegmentResource(SegmentService service, MemberExport export) {
        this.service = service;
        this.export = export;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(
            summary = "Create a custom segment",
            description = "Filled from the whole population at once. Send an Idempotency-Key to make retries safe.")
    public Uni<Response> create(
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull SegmentInput input,
            UriInfo uri) {
        return service.create(idempotencyKey, input)
                .map(outcome -> ETags.created(
                        outcome,
                        uri.getAbsolutePathBuilder()
                                .path(outcome.body().id().toString())
                                .build(),
                        outcome.body().version()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "List segments", description = "Built-in and custom, with their current member counts.")
    public Uni<Page<SegmentView>> list(
            @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(includeArchived, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "Get one segment")
    public Uni<RestResponse<SegmentView>> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "Segment")).map(v -> ETags.ok(v, v.version()));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(
            summary = "Change a custom segment",
            description = "Send the ETag you read as If-Match; a stale one gets 412. Members are re-evaluated at once.")
    public Uni<RestResponse<SegmentView>> update(
            @PathParam("id") String id,
            @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull SegmentInput input) {
        return service.update(Ids.parse(id, "Segment"), ETags.expectedVersion(ifMatch), input)
                .map(v -> ETags.ok(v, v.version()));
    }

    @POST
    @Path("/{id}/archive")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(summary = "Archive a custom segment", description = "Every member exits; the history stays.")
    public Uni<SegmentView> archive(@PathParam("id") String id) {
        return service.archive(Ids.parse(id, "Segment"));
    }

    @GET
    @Path("/{id}/members")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "Current members", description = "In customer id order, with their main labels.")
    public Uni<Page<Member>> members(
            @PathParam("id") String id,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.members(Ids.parse(id, "Segment"), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}/members.csv")
    @Produces("text/csv;charset=UTF-8")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(summary = "Export current members as CSV")
    public Uni<String> exportMembers(@PathParam("id") String id) {
        return export.csv(Ids.parse(id, "Segment"));
    }

    @POST
    @Path("/preview")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(
            summary = "Preview a rule",
            description = "How many customers it selects now and a sample; saves nothing.")
    public Uni<SegmentPreview> preview(@Valid @NotNull PreviewRequest request) {
        return service.preview(request.rule());
    }

    @GET
    @Path("/fields")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SERVICE})
    @Operation(
            summary = "The fields a rule can use",
            description = "Types, allowed values and operators, for a segment builder.")
    public List<Field> fields() {
        return FieldCatalogue.standard().fields();
    }
}
