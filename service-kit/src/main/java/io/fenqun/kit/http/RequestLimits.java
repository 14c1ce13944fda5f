package io.fenqun.kit.http;

import io.fenqun.kit.problem.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rejects oversize bodies with a problem response before they are read. JSON bodies have a small
 * limit; the upload paths (imports) a large one. The HTTP layer's own limit stays as a backstop
 * for bodies sent without a length.
 */
@ApplicationScoped
public class RequestLimits {

    @ConfigProperty(name = "fenqun.http.max-json-body", defaultValue = "1048576")
    long maxJsonBody;

    @ConfigProperty(name = "fenqun.http.max-upload-body", defaultValue = "268435456")
    long maxUploadBody;

    @ConfigProperty(name = "fenqun.http.upload-paths", defaultValue = "/api/v1/imports")
    List<String> uploadPaths;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long limit = limitFor(ctx.normalizedPath());
            if (length != null && parse(length) > limit) {
                Problem problem = Problem.of(
                        413, "payload-too-large", "Payload too large", "The body is larger than " + limit + " bytes");
                ctx.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }

    /** The most bytes a body to this path may have. */
    public long limitFor(String path) {
        return uploadPaths.stream().anyMatch(path::startsWith) ? maxUploadBody : maxJsonBody;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
