package io.fenqun.kit.feed;

import jakarta.ws.rs.Path;

/** The kit's test application serves its feed the way every service does: a subclass with its own path. */
@Path(TestFeedResource.PATH)
public class TestFeedResource extends FeedResource {

    public static final String PATH = "/api/v1/feeds/test";

    public TestFeedResource(FeedReader reader) {
        super(reader);
    }
}
