package io.fenqun.kit.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Another service's {@code GET /api/v1/feed}, built per consumer with its base URL and timeouts. */
@Path("/api/v1/feed")
public interface FeedClient {

    /** Blocking on purpose: each consumer polls from its own thread, never from the event loop. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    FeedPage read(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("after") long after,
            @QueryParam("limit") int limit,
            @QueryParam("wait") long waitSeconds);
}
