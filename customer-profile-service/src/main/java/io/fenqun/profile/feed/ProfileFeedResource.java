package io.fenqun.profile.feed;

import io.fenqun.kit.feed.FeedReader;
import io.fenqun.kit.feed.FeedResource;
import jakarta.ws.rs.Path;

/** The profile feed: customers, orders, interactions, consents and points, in commit order. */
@Path("/api/v1/feeds/profile")
public class ProfileFeedResource extends FeedResource {

    public ProfileFeedResource(FeedReader reader) {
        super(reader);
    }
}
