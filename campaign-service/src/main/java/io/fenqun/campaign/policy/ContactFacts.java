package io.fenqun.campaign.policy;

import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.campaign.Purpose;
import java.util.UUID;

/**
 * What the policy needs to know about one planned message, read in one query for a whole batch.
 *
 * @param consent the customer's consent for the channel and purpose: true, false (withdrawn) or
 *     null (never asked)
 * @param sentToday marketing messages on this channel today (business day), this week and the last
 *     30 days; a retried message that already took its place under the caps is not counted twice
 */
public record ContactFacts(
        UUID deliveryId,
        UUID customerId,
        Channel channel,
        Purpose purpose,
        Boolean consent,
        boolean doNotContact,
        boolean unsubscribed,
        boolean capAlreadyCounted,
        int sentToday,
        int sentThisWeek,
        int sentThisMonth,
        int weekendOrders,
        int weekdayOrders) {

    /** A customer buys mostly on weekends, mostly on weekdays, or has no clear habit. */
    public enum BuyingDays {
        WEEKEND,
        WEEKDAY,
        ANY
    }

    /** Needs a few orders and a clear majority before it is a habit worth waiting for. */
    public BuyingDays buyingDays() {
        int orders = weekendOrders + weekdayOrders;
        if (orders < 3) {
            return BuyingDays.ANY;
        }
        // Two of seven days are weekend days: a weekend buyer puts at least half of their orders there.
        if (weekendOrders * 2 >= orders) {
            return BuyingDays.WEEKEND;
        }
        return weekendOrders * 7 <= orders ? BuyingDays.WEEKDAY : BuyingDays.ANY;
    }
}
