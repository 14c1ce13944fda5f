package io.fenqun.profile.privacy;

import io.fenqun.kit.feed.FeedEvent;
import io.fenqun.profile.customer.CustomerView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Everything held on one customer, for a data subject's access request (PIPL art. 45, GDPR art. 15). */
public record CustomerExport(
        OffsetDateTime exportedAt, CustomerView customer, Map<String, Object> parts, List<FeedEvent> events) {}
