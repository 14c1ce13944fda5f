package io.fenqun.gateway.customer360;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenqun.kit.http.RequestIds;
import io.fenqun.kit.ids.Ids;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers/{id}/360")
@Tag(name = "Customer 360", description = "Everything about one customer in one call")
@Produces(MediaType.APPLICATION_JSON)
public class Customer360Resource {

    private final Customer360Service service;

    public Customer360Resource(Customer360Service service) {
        this.service = service;
    }

    @GET
    @Authenticated
    @Operation(
            summary = "Customer 360",
            description = "The profile (masked for the caller's role; another sales owner's customer is 404), the"
                    + " segment classification and dimension labels, gathered in parallel. A part that is slow"
                    + " or down reads {\"status\":\"unavailable\"}; one with nothing to show reads"
                    + " {\"status\":\"none\"}.")
    @APIResponse(
            responseCode = "200",
            description = "The parts by name",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "segments down",
                                            value =
                                                    "{\"customerId\":\"0190a1b2-0000-7000-8000-000000000001\","
                                                            + "\"profile\":{\"id\":\"0190a1b2-0000-7000-8000-000000000001\","
                                                            + "\"name\":\"张三\",\"phone\":\"+86138****5678\"},"
                                                            + "\"segments\":{\"status\":\"unavailable\",\"reason\":\"timeout\"}}")))
    public Uni<ObjectNode> get(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(RequestIds.HEADER) String requestId) {
        return service.gather(Ids.parse(id, "Customer").toString(), authorization, requestId);
    }
}
