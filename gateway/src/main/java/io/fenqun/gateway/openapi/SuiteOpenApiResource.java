package io.fenqun.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/openapi.json")
@Tag(name = "API description")
public class SuiteOpenApiResource {

    private final SuiteOpenApi openApi;

    public SuiteOpenApiResource(SuiteOpenApi openApi) {
        this.openApi = openApi;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(
            summary = "The whole suite's OpenAPI document",
            description = "Every service's operations behind the gateway in one document; no token needed.")
    public Uni<ObjectNode> document() {
        return openApi.document();
    }
}
