package io.fenqun.campaign.campaign;

import io.fenqun.campaign.delivery.SendOutcome;
import io.fenqun.campaign.delivery.TestSendRequest;
import io.fenqun.campaign.delivery.TestSender;
import io.fenqun.campaign.planning.DryRun;
import io.fenqun.campaign.planning.DryRunReport;
import io.fenqun.campaign.report.CampaignResults;
import io.fenqun.campaign.report.ResultsService;
import io.fenqun.kit.http.ETags;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "Targeted, automated campaigns to segments, and what they achieved")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignService service;
    private final DryRun dryRun;
    private final TestSender testSender;
    private final ResultsService results;

    public CampaignResource(CampaignService service, DryRun dryRun, TestSender testSender, ResultsService results) {
        this.service = service;
        this.dryRun = dryRun;
        this.testSender = testSender;
        this.results = results;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(summary = "Create a campaign", description = "As a draft. Send an Idempotency-Key to make retries safe.")
    public Uni<Response> create(
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull CampaignInput input,
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
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(summary = "List campaigns", description = "Optionally only those in one status.")
    public Uni<Page<CampaignView>> list(
            @QueryParam("status") CampaignStatus status,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(summary = "Get one campaign")
    public Uni<RestResponse<CampaignView>> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "Campaign")).map(v -> ETags.ok(v, v.version()));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(
            summary = "Change a campaign",
            description =
                    "Drafts, scheduled and paused campaigns; send the ETag you read as If-Match (412 when stale).")
    public Uni<RestResponse<CampaignView>> update(
            @PathParam("id") String id,
            @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Valid @NotNull CampaignInput input) {
        return service.update(Ids.parse(id, "Campaign"), ETags.expectedVersion(ifMatch), input)
                .map(v -> ETags.ok(v, v.version()));
    }

    @POST
    @Path("/{id}/schedule")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(
            summary = "Schedule a draft",
            description = "One-off and cron campaigns wait for their time; trigger campaigns start listening at once.")
    public Uni<RestResponse<CampaignView>> schedule(
            @PathParam("id") String id, @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return move(id, ifMatch, CampaignStatus.SCHEDULED);
    }

    @POST
    @Path("/{id}/pause")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(summary = "Pause", description = "Nothing more is sent or triggered until it is resumed.")
    public Uni<RestResponse<CampaignView>> pause(
            @PathParam("id") String id, @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return move(id, ifMatch, CampaignStatus.PAUSED);
    }

    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(summary = "Resume a paused campaign")
    public Uni<RestResponse<CampaignView>> resume(
            @PathParam("id") String id, @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return move(id, ifMatch, CampaignStatus.RUNNING);
    }

    @POST
    @Path("/{id}/finish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(summary = "Finish", description = "Ends the campaign; messages not yet sent are not sent.")
    public Uni<RestResponse<CampaignView>> finish(
            @PathParam("id") String id, @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        return move(id, ifMatch, CampaignStatus.FINISHED);
    }

    @POST
    @Path("/{id}/dry-run")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(
            summary = "Dry run",
            description = "How many would receive it now and why the others would not; changes nothing.")
    public Uni<DryRunReport> dryRun(@PathParam("id") String id) {
        return dryRun.run(Ids.parse(id, "Campaign"));
    }

    @POST
    @Path("/{id}/test-sends")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Operation(summary = "Send a test to staff", description = "Sample personal fields and coupon; marked [TEST].")
    public Uni<List<SendOutcome>> testSend(@PathParam("id") String id, @Valid @NotNull TestSendRequest request) {
        return testSender.send(Ids.parse(id, "Campaign"), request);
    }

    @GET
    @Path("/{id}/results")
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Operation(
            summary = "Results",
            description = "Sent, delivered, opened, clicked, converted, unsubscribed; per variant and per segment;"
                    + " uplift over the hold-out group with its 95% confidence interval.")
    public Uni<CampaignResults> results(@PathParam("id") String id) {
        return results.results(Ids.parse(id, "Campaign"));
    }

    private Uni<RestResponse<CampaignView>> move(String id, String ifMatch, CampaignStatus target) {
        return service.transition(Ids.parse(id, "Campaign"), ETags.expectedVersion(ifMatch), target)
                .map(v -> ETags.ok(v, v.version()));
    }
}
