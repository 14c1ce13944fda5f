package io.fenqun.campaign.policy;

import io.fenqun.campaign.campaign.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The suite-wide contact policy: marketing caps per customer and channel across all campaigns, and
 * quiet hours in the business time zone.
 */
@Schema(
        example =
                """
        {"quietHours":{"start":"21:00","end":"08:00"},
         "caps":{"EMAIL":{"perDay":1,"perWeek":3,"perMonth":8},"SMS":{"perDay":1,"perWeek":2,"perMonth":4}}}""")
public record PolicySettings(@Valid QuietHours quietHours, @NotNull Map<Channel, @NotNull @Valid Caps> caps) {

    /** No marketing message from {@code start} until {@code end} (across midnight when start > end). */
    public record QuietHours(@NotNull LocalTime start, @NotNull LocalTime end) {

        public boolean contains(LocalTime time) {
            return start.isAfter(end)
                    ? !time.isBefore(start) || time.isBefore(end)
                    : !time.isBefore(start) && time.isBefore(end);
        }
    }

    /** Marketing messages a customer may get on one channel; null means no limit for that period. */
    public record Caps(
            @Min(0) @Max(100) Integer perDay, @Min(0) @Max(500) Integer perWeek, @Min(0) @Max(1000) Integer perMonth) {

        static final Caps NONE = new Caps(null, null, null);
    }

    public Caps capsFor(Channel channel) {
        return caps.getOrDefault(channel, Caps.NONE);
    }

    public static PolicySettings defaults() {
        Map<Channel, Caps> caps = new EnumMap<>(Channel.class);
        caps.put(Channel.EMAIL, new Caps(1, 3, 8));
        caps.put(Channel.SMS, new Caps(1, 2, 4));
        caps.put(Channel.APP_PUSH, new Caps(2, 5, 15));
        return new PolicySettings(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), caps);
    }
}
