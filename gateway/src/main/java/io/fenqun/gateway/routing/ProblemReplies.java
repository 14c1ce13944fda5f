package io.fenqun.gateway.routing;

import io.fenqun.kit.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Problem responses written straight from Vert.x handlers, outside Quarkus REST. */
public final class ProblemReplies {

    private ProblemReplies() {}

    public static Buffer body(Problem problem) {
        return Json.encodeToBuffer(problem);
    }

    public static void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body(problem.withInstance(ctx.normalizedPath())));
    }

    public static Problem unavailable(String service) {
        return Problem.of(
                503,
                "service-unavailable",
                "Service unavailable",
                "The " + service + " service cannot be reached; retry later");
    }
}
