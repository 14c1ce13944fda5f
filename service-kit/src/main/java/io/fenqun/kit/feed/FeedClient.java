package io.fenqun.kit.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Another service's feed ({@code GET /api/v1/feeds/<service>}), built per consumer with the feed's URL and timeouts. */
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
