package io.fenqun.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void clashingComponentsAreRenamedWithTheirReferencesAndEqualOnesShared() throws Exception {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        documents.put(
                "a",
                doc("{'paths':{'/api/v1/a':{'get':{'security':[{'x':[]}],'responses':{'200':{'content':"
                        + "{'application/json':{'schema':{'$ref':'#/components/schemas/Item'}}}}}}}},"
                        + "'components':{'schemas':{'Item':{'type':'string'},'Problem':{'type':'object'}},"
                        + "'securitySchemes':{'x':{'type':'http'}}}}"));
        documents.put(
                "b",
                doc("{'paths':{'/api/v1/b':{'post':{'responses':{'200':{'content':"
                        + "{'application/json':{'schema':{'$ref':'#/components/schemas/Item'}}}}}}}},"
                        + "'components':{'schemas':{'Item':{'type':'integer'},'Problem':{'type':'object'}}}}"));
        ObjectNode merged = OpenApiMerger.merge(documents, List.of("c"), "1.0.0");

        assertEquals("string", merged.at("/components/schemas/Item/type").asText());
        assertEquals("integer", merged.at("/components/schemas/b_Item/type").asText());
        assertFalse(merged.at("/components/schemas").has("b_Problem"));
        assertEquals(
                "#/components/schemas/b_Item",
                merged.at("/paths/~1api~1v1~1b/post/responses/200/content/application~1json/schema/$ref")
                        .asText());
        assertEquals(
                "a", merged.at("/paths/~1api~1v1~1a/get/" + OpenApiMerger.OWNER).asText());
        assertEquals(
                "b",
                merged.at("/paths/~1api~1v1~1b/post/" + OpenApiMerger.OWNER).asText());
        assertFalse(merged.at("/paths/~1api~1v1~1a/get").has("security"));
        assertFalse(merged.at("/components/securitySchemes").has("x"));
        assertEquals("c", merged.at("/" + OpenApiMerger.UNAVAILABLE + "/0").asText());
    }
}
