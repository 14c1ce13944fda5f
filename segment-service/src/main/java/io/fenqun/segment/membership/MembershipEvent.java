package io.fenqun.segment.membership;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fenqun.segment.segment.Segment;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The payload of {@code segment.entered} and {@code segment.exited}; the subject is the customer.
 * The set-based recompute writes the same shape in SQL from {@link #withoutCustomer}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MembershipEvent(
        UUID segmentId,
        String segmentName,
        String dimension,
        String dimensionValue,
        UUID customerId,
        OffsetDateTime at) {

    public static final String ENTERED = "segment.entered";
    public static final String EXITED = "segment.exited";

    public static MembershipEvent of(Segment segment, UUID customerId, OffsetDateTime at) {
        return new MembershipEvent(
                segment.id(), segment.name(), segment.dimension(), segment.dimensionValue(), customerId, at);
    }

    public static MembershipEvent withoutCustomer(Segment segment, OffsetDateTime at) {
        return of(segment, null, at);
    }
}
