package io.fenqun.segment.membership;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fenqun.segment.segment.Segment;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The payload of {@code segment.entered} and {@code segment.exited} without the customer, who is
 * the subject: {@link MembershipEngine} writes the events in SQL and adds each one's
 * {@code customerId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MembershipEvent(
        UUID segmentId, String segmentName, String dimension, String dimensionValue, OffsetDateTime at) {

    public static final String ENTERED = "segment.entered";
    public static final String EXITED = "segment.exited";

    public static MembershipEvent of(Segment segment, OffsetDateTime at) {
        return new MembershipEvent(segment.id(), segment.name(), segment.dimension(), segment.dimensionValue(), at);
    }
}
