package io.fenqun.segment.feed;

import io.fenqun.kit.feed.FeedReader;
import io.fenqun.kit.feed.FeedResource;
import jakarta.ws.rs.Path;

/** The segment feed: {@code segment.entered} and {@code segment.exited}, in commit order. */
@Path("/api/v1/feeds/segment")
public class SegmentFeedResource extends FeedResource {

    public SegmentFeedResource(FeedReader reader) {
        super(reader);
    }
}
