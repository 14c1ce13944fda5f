package io.fenqun.kit.openapi;

import io.fenqun.kit.problem.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the problem responses every operation can give, so partners see the error format
 * without each resource repeating it.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<String, String> COMMON = Map.of(
            "400", "Invalid request: the `errors` list names each bad field",
            "401", "No valid bearer token",
            "403", "The caller's role may not do this",
            "404", "Not found, or not visible to the caller");

    private static final Map<String, String> WRITES = Map.of(
            "409", "Conflicts with the current state (duplicate, merged or erased record)",
            "412", "If-Match names an old version",
            "413", "Body too large",
            "422", "Idempotency-Key reused with a different body");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Content problem = OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            item.getOperations().forEach((method, operation) -> {
                addAll(operation, COMMON, problem);
                if (method != PathItem.HttpMethod.GET) {
                    addAll(operation, WRITES, problem);
                }
            });
        }
        ensureProblemSchema(openAPI);
    }

    private static void addAll(Operation operation, Map<String, String> responses, Content problem) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        responses.forEach((status, description) -> {
            if (operation.getResponses().getAPIResponse(status) == null) {
                APIResponse response =
                        OASFactory.createAPIResponse().description(description).content(problem);
                operation.getResponses().addAPIResponse(status, response);
            }
        });
    }

    private static void ensureProblemSchema(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() != null
                && openAPI.getComponents().getSchemas().containsKey("Problem")) {
            return;
        }
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text)
                .addProperty("message", text);
        openAPI.getComponents()
                .addSchema(
                        "Problem",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .description("RFC 9457 problem details")
                                .addProperty("type", text)
                                .addProperty("title", text)
                                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                                .addProperty("detail", text)
                                .addProperty("instance", text)
                                .addProperty(
                                        "errors",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.ARRAY)
                                                .items(fieldError)));
    }
}
