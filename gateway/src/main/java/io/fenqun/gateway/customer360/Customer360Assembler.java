package io.fenqun.gateway.customer360;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import java.util.Map;
import java.util.Set;

/**
 * Builds the 360 answer from its parts. A required part (the profile) decides for the whole: its
 * 404 (unknown, or another sales owner's customer) or 403 is the answer, so nothing of a customer
 * the caller may not see leaks through the other parts; if it is unavailable the access check
 * cannot be made and the answer is 503. Any other part that fails is marked in place.
 */
public final class Customer360Assembler {

    private Customer360Assembler() {}

    public static ObjectNode assemble(String customerId, Map<String, PartOutcome> parts, Set<String> required) {
        for (String name : required) {
            PartOutcome outcome = parts.get(name);
            if (outcome instanceof PartOutcome.Refused refused) {
                throw new ProblemException(Problem.of(
                        refused.status(),
                        refused.status() == 404 ? "not-found" : "refused",
                        refused.status() == 404 ? "Not found" : "Refused",
                        refused.status() == 404
                                ? "Customer " + customerId + " does not exist"
                                : "The " + name + " part answered " + refused.status()));
            }
            if (outcome instanceof PartOutcome.Unavailable) {
                throw new ProblemException(Problem.of(
                        503,
                        "service-unavailable",
                        "Service unavailable",
                        "The " + name + " part cannot be reached, so access to the customer cannot be checked"));
            }
        }
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("customerId", customerId);
        parts.forEach((name, outcome) -> {
            if (outcome instanceof PartOutcome.Found found) {
                view.set(name, found.body());
            } else if (outcome instanceof PartOutcome.Refused refused) {
                view.set(name, status(refused.status() == 404 ? "none" : "refused"));
            } else if (outcome instanceof PartOutcome.Unavailable unavailable) {
                view.set(name, status("unavailable").put("reason", unavailable.reason()));
            }
        });
        return view;
    }

    private static ObjectNode status(String status) {
        return JsonNodeFactory.instance.objectNode().put("status", status);
    }
}
