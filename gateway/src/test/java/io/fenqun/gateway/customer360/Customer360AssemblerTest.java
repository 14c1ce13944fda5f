package io.fenqun.gateway.customer360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenqun.kit.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Customer360AssemblerTest {

    private static final ObjectNode PROFILE =
            JsonNodeFactory.instance.objectNode().put("name", "张三");

    private static Map<String, PartOutcome> parts(PartOutcome profile, PartOutcome segments) {
        Map<String, PartOutcome> parts = new LinkedHashMap<>();
        parts.put("profile", profile);
        parts.put("segments", segments);
        return parts;
    }

    @Test
    void everyPartInItsPlaceAndFailedOnesMarked() {
        ObjectNode view = Customer360Assembler.assemble(
                "c-1",
                parts(new PartOutcome.Found(PROFILE), new PartOutcome.Unavailable("timeout")),
                Set.of("profile"));
        assertEquals("张三", view.path("profile").path("name").asText());
        assertEquals("unavailable", view.path("segments").path("status").asText());
        assertEquals("timeout", view.path("segments").path("reason").asText());
        ObjectNode unknown = Customer360Assembler.assemble(
                "c-1", parts(new PartOutcome.Found(PROFILE), new PartOutcome.Refused(404, null)), Set.of("profile"));
        assertEquals("none", unknown.path("segments").path("status").asText());
    }

    @Test
    void theRequiredPartDecidesForTheWhole() {
        ProblemException notFound = assertThrows(
                ProblemException.class,
                () -> Customer360Assembler.assemble(
                        "c-1",
                        parts(new PartOutcome.Refused(404, null), new PartOutcome.Found(PROFILE)),
                        Set.of("profile")));
        assertEquals(404, notFound.problem().status());
        ProblemException forbidden = assertThrows(
                ProblemException.class,
                () -> Customer360Assembler.assemble(
                        "c-1",
                        parts(new PartOutcome.Refused(403, null), new PartOutcome.Found(PROFILE)),
                        Set.of("profile")));
        assertEquals(403, forbidden.problem().status());
        ProblemException down = assertThrows(
                ProblemException.class,
                () -> Customer360Assembler.assemble(
                        "c-1",
                        parts(new PartOutcome.Unavailable("unreachable"), new PartOutcome.Found(PROFILE)),
                        Set.of("profile")));
        assertEquals(503, down.problem().status());
    }
}
