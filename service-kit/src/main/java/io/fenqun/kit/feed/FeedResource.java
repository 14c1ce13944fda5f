package io.fenqun.kit.feed;

import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * This service's change feed. Each service serves it under its own path by extending this class
 * with {@code @Path("/api/v1/feeds/<service>")}, so the gateway routes feeds by prefix like every
 * other route and the OpenAPI documents of all services merge without clashes.
 */
@Tag(name = "Feed", description = "This service's change feed, in position order, never skipping an event")
@Produces(MediaType.APPLICATION_JSON)
public abstract class FeedResource {

    static final int MAX_LIMIT = 1000;
    static final int MAX_WAIT_SECONDS = 30;

    private final FeedReader reader;

    protected FeedResource(FeedReader reader) {
        this.reader = reader;
    }

    @GET
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.PARTNER})
    @Operation(
            summary = "Read events after a position",
            description = "Long-polls up to `wait` seconds when nothing is new. Store `next` and pass it as `after`.")
    public Uni<FeedPage> read(
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("wait") @DefaultValue("0") int wait) {
        if (after < 0) {
            throw ProblemException.invalidField("after", "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            throw ProblemException.invalidField("wait", "must be between 0 and " + MAX_WAIT_SECONDS + " seconds");
        }
        return reader.read(after, limit, Duration.ofSeconds(wait));
    }
}
