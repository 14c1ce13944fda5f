package io.fenqun.campaign.feed;

import io.fenqun.kit.feed.FeedReader;
import io.fenqun.kit.feed.FeedResource;
import jakarta.ws.rs.Path;

/** The campaign feed: {@code delivery.sent}, {@code delivery.responded}, {@code coupon.redeemed}, in commit order. */
@Path("/api/v1/feeds/campaign")
public class CampaignFeedResource extends FeedResource {

    public CampaignFeedResource(FeedReader reader) {
        super(reader);
    }
}
