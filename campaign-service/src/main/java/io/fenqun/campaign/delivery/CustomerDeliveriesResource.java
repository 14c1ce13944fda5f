package io.fenqun.campaign.delivery;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The campaign messages one customer was planned, sent or held out from: the campaigns part of Customer 360. */
@Path("/api/v1/deliveries")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerDeliveriesResource {

    private final DeliveryQueries queries;

    public CustomerDeliveriesResource(DeliveryQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SUPPORT, Roles.SERVICE})
    @Operation(summary = "One customer's campaign messages", description = "Newest first.")
    @WithSession
    public Uni<Page<DeliveryView>> ofCustomer(
            @Parameter(required = true) @QueryParam("customerId") String customerId,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        if (customerId == null) {
            throw ProblemException.invalidField("customerId", "is required");
        }
        UUID customer = Ids.parse(customerId, "Customer");
        return queries.ofCustomer(customer, PageRequest.of(limit, cursor));
    }
}
