package io.fenqun.campaign.readmodel;

import io.fenqun.campaign.db.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/** Applies feed facts to this service's read model; runs in the feed consumer's transaction. */
@ApplicationScoped
public class ReadModelWriter {

    private final ZoneId zone;

    public ReadModelWriter(ZoneId zone) {
        this.zone = zone;
    }

    /** Keeps only the birthday's month and day: enough for birthday campaigns, not a birth date. */
    public Uni<Void> customer(UUID customer, LocalDate birthDate) {
        return NativeSql.of(
                        """
                        INSERT INTO customer_signal (customer_id, birthday_month, birthday_day)
                        VALUES (:customer, CAST(:month AS smallint), CAST(:day AS smallint))
                        ON CONFLICT (customer_id) DO UPDATE SET birthday_month = EXCLUDED.birthday_month,
                               birthday_day = EXCLUDED.birthday_day""")
                .bind("customer", customer)
                .bind("month", birthDate == null ? null : (short) birthDate.getMonthValue())
                .bind("day", birthDate == null ? null : (short) birthDate.getDayOfMonth())
                .update()
                .replaceWithVoid();
    }

    /** Forgets everything about a customer except anonymous delivery counts; the profile erased them. */
    public Uni<Void> forget(UUID customer) {
        return NativeSql.of(
                        """
                        WITH signal AS (DELETE FROM customer_signal WHERE customer_id = :customer),
                             consent AS (DELETE FROM customer_consent WHERE customer_id = :customer),
                             member AS (DELETE FROM audience_member WHERE customer_id = :customer)
                        DELETE FROM unsubscription WHERE customer_id = :customer""")
                .bind("customer", customer)
                .update()
                .replaceWithVoid();
    }

    /** The consent now in force; an older decision arriving late does not overwrite a newer one. */
    public Uni<Void> consent(UUID customer, String channel, String purpose, boolean granted, OffsetDateTime at) {
        return NativeSql.of(
                        """
                        INSERT INTO customer_consent (customer_id, channel, purpose, granted, changed_at)
                        VALUES (:customer, :channel, :purpose, :granted, :at)
                        ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET granted = EXCLUDED.granted,
                               changed_at = EXCLUDED.changed_at
                         WHERE customer_consent.changed_at <= EXCLUDED.changed_at""")
                .bind("customer", customer)
                .bind("channel", channel)
                .bind("purpose", purpose)
                .bind("granted", granted)
                .bind("at", at)
                .update()
                .replaceWithVoid();
    }

    /** When the customer's oldest open loyalty points expire; null when none are left. */
    public Uni<Void> pointsExpiry(UUID customer, OffsetDateTime nextExpiry) {
        return NativeSql.of(
                        """
                        INSERT INTO customer_signal (customer_id, points_next_expiry) VALUES (:customer, :expiry)
                        ON CONFLICT (customer_id) DO UPDATE SET points_next_expiry = EXCLUDED.points_next_expiry""")
                .bind("customer", customer)
                .bind("expiry", nextExpiry)
                .update()
                .replaceWithVoid();
    }

    public Uni<Void> entered(UUID segment, UUID customer, OffsetDateTime at) {
        return NativeSql.of(
                        "INSERT INTO audience_member (segment_id, customer_id, entered_at) VALUES (:segment, :customer, :at)"
                                + " ON CONFLICT DO NOTHING")
                .bind("segment", segment)
                .bind("customer", customer)
                .bind("at", at)
                .update()
                .replaceWithVoid();
    }

    public Uni<Void> exited(UUID segment, UUID customer) {
        return NativeSql.of("DELETE FROM audience_member WHERE segment_id = :segment AND customer_id = :customer")
                .bind("segment", segment)
                .bind("customer", customer)
                .update()
                .replaceWithVoid();
    }

    /**
     * Counts a paid order toward the customer's buying habits; returns true when it is their first.
     * The feed consumer applies each event once, so counting is safe.
     */
    public Uni<Boolean> paidOrder(UUID customer, OffsetDateTime orderedAt) {
        DayOfWeek day = orderedAt.atZoneSameInstant(zone).getDayOfWeek();
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return NativeSql.of(
                        """
                        WITH before AS (SELECT first_order_at FROM customer_signal WHERE customer_id = :customer)
                        INSERT INTO customer_signal (customer_id, first_order_at, last_order_at, weekend_orders, weekday_orders)
                        VALUES (:customer, :at, :at, :weekend, :weekday)
                        ON CONFLICT (customer_id) DO UPDATE SET
                               first_order_at = least(customer_signal.first_order_at, EXCLUDED.first_order_at),
                               last_order_at = greatest(customer_signal.last_order_at, EXCLUDED.last_order_at),
                               weekend_orders = customer_signal.weekend_orders + EXCLUDED.weekend_orders,
                               weekday_orders = customer_signal.weekday_orders + EXCLUDED.weekday_orders
                        RETURNING (SELECT first_order_at IS NULL FROM before)""")
                .bind("customer", customer)
                .bind("at", orderedAt)
                .bind("weekend", weekend ? 1 : 0)
                .bind("weekday", weekend ? 0 : 1)
                .value()
                .map(first -> first == null || Boolean.TRUE.equals(first));
    }
}
