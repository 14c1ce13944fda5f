package io.fenqun.campaign.planning;

import io.fenqun.campaign.campaign.Campaign;
import io.fenqun.campaign.campaign.CampaignInput;
import io.fenqun.campaign.db.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Plans deliveries in PostgreSQL, one statement per run or event: who is in the audience, which
 * variant each gets and who is held out as the control group. Variant and hold-out come from a hash
 * of campaign and customer, so a customer lands in the same group every time.
 */
@ApplicationScoped
public class AudiencePlanner {

    private final ZoneId zone;

    public AudiencePlanner(ZoneId zone) {
        this.zone = zone;
    }

    /** Members of any audience segment (one row each, with the first segment that qualified them). */
    private static final String AUDIENCE =
            """
            SELECT DISTINCT ON (customer_id) customer_id, segment_id FROM audience_member
             WHERE segment_id = ANY(CAST(:segments AS uuid[])) ORDER BY customer_id, segment_id""";

    /** Everyone this service knows of, for trigger campaigns without segments. */
    private static final String EVERYONE = "SELECT customer_id, CAST(NULL AS uuid) AS segment_id FROM customer_signal";

    private static final String ONE_CUSTOMER =
            """
            SELECT CAST(:customer AS uuid) AS customer_id, CAST(:segment AS uuid) AS segment_id
             WHERE cardinality(CAST(:segments AS uuid[])) = 0
                OR EXISTS (SELECT 1 FROM audience_member m WHERE m.customer_id = CAST(:customer AS uuid)
                                                         AND m.segment_id = ANY(CAST(:segments AS uuid[])))""";

    private static final String INSERT =
            """
            INSERT INTO delivery (id, campaign_id, occurrence, customer_id, segment_id, channel, variant, status,
                                  next_attempt_at, planned_at)
            SELECT uuid_v7(), :campaign, :occurrence, a.customer_id, a.segment_id, :channel,
                   (CAST(:variants AS text[]))[width_bucket(abs(hashtext(a.customer_id::text || :salt)::bigint) %% :totalWeight,
                                                            CAST(:bounds AS int[]))],
                   CASE WHEN abs(hashtext(:salt || a.customer_id::text)::bigint) %% 100 < :holdout
                        THEN 'HOLDOUT' ELSE 'PENDING' END,
                   :now, :now
              FROM (%s) a
             WHERE NOT EXISTS (SELECT 1 FROM audience_member x
                                WHERE x.customer_id = a.customer_id AND x.segment_id = ANY(CAST(:excluded AS uuid[])))
            ON CONFLICT (campaign_id, occurrence, customer_id) DO NOTHING""";

    /** The whole audience, for a one-off, cron or holiday run. */
    public Uni<Integer> planAudience(Campaign campaign, String occurrence, OffsetDateTime now) {
        return planning(campaign, audienceOrEveryone(campaign), occurrence, now).update();
    }

    /** Audience members whose birthday is on {@code day}. */
    public Uni<Integer> planBirthdays(Campaign campaign, String occurrence, LocalDate day, OffsetDateTime now) {
        String source = "SELECT b.customer_id, b.segment_id FROM (" + audienceOrEveryone(campaign) + ") b"
                + " JOIN customer_signal s ON s.customer_id = b.customer_id"
                + " WHERE s.birthday_month = :month AND s.birthday_day = :day";
        return planning(campaign, source, occurrence, now)
                .bind("month", day.getMonthValue())
                .bind("day", day.getDayOfMonth())
                .update();
    }

    /** Audience members whose last paid order was in [{@code from}, {@code to}): they just lapsed. */
    public Uni<Integer> planLapsed(
            Campaign campaign, String occurrence, OffsetDateTime from, OffsetDateTime to, OffsetDateTime now) {
        String source = "SELECT b.customer_id, b.segment_id FROM (" + audienceOrEveryone(campaign) + ") b"
                + " JOIN customer_signal s ON s.customer_id = b.customer_id"
                + " WHERE s.last_order_at >= :from AND s.last_order_at < :to";
        return planning(campaign, source, occurrence, now)
                .bind("from", from)
                .bind("to", to)
                .update();
    }

    /** Audience members whose oldest open loyalty points expire on {@code day} (business time zone). */
    public Uni<Integer> planPointsExpiring(Campaign campaign, String occurrence, LocalDate day, OffsetDateTime now) {
        String source = "SELECT b.customer_id, b.segment_id FROM (" + audienceOrEveryone(campaign) + ") b"
                + " JOIN customer_signal s ON s.customer_id = b.customer_id"
                + " WHERE s.points_next_expiry >= :from AND s.points_next_expiry < :to";
        return planning(campaign, source, occurrence, now)
                .bind("from", day.atStartOfDay(zone).toOffsetDateTime())
                .bind("to", day.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                .update();
    }

    /** One customer an event concerns, if the audience includes them. */
    public Uni<Integer> planOne(Campaign campaign, UUID customer, UUID segment, String occurrence, OffsetDateTime now) {
        return planning(campaign, ONE_CUSTOMER, occurrence, now)
                .bind("customer", customer)
                .bind("segment", segment)
                .update();
    }

    private static String audienceOrEveryone(Campaign campaign) {
        return campaign.definition().audience().segmentsOrEmpty().isEmpty() ? EVERYONE : AUDIENCE;
    }

    private static NativeSql planning(Campaign campaign, String source, String occurrence, OffsetDateTime now) {
        CampaignInput definition = campaign.definition();
        List<CampaignInput.Variant> variants = definition.variants();
        String[] names = new String[variants.size()];
        Integer[] bounds = new Integer[variants.size()];
        int total = 0;
        for (int i = 0; i < variants.size(); i++) {
            names[i] = variants.get(i).name();
            bounds[i] = total;
            total += variants.get(i).weight();
        }
        return NativeSql.of(INSERT.formatted(source))
                .bind("campaign", campaign.id())
                .bind("occurrence", occurrence)
                .bind("channel", definition.channel().name())
                .bind("variants", names)
                .bind("bounds", bounds)
                .bind("totalWeight", total)
                .bind("salt", campaign.id().toString())
                .bind("holdout", definition.holdout())
                .bind("now", now)
                .bind("segments", definition.audience().segmentsOrEmpty().toArray(UUID[]::new))
                .bind("excluded", definition.audience().excludedOrEmpty().toArray(UUID[]::new));
    }
}
