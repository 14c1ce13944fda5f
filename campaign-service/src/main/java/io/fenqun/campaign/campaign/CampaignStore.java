package io.fenqun.campaign.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.campaign.db.NativeSql;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.time.Utc;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Campaign rows; every method runs in the caller's session or transaction. */
@ApplicationScoped
public class CampaignStore {

    private static final String COLUMNS =
            "id, status, definition::text, next_run_at, runs, version, created_at, updated_at";

    private final ObjectMapper json;

    public CampaignStore(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Campaign> insert(CampaignInput definition) {
        UUID id = Ids.newId();
        return defined(
                        NativeSql.of(
                                "INSERT INTO campaign (id, name, status, channel, schedule_kind, trigger_event, definition)"
                                        + " VALUES (:id, :name, 'DRAFT', :channel, :kind, :trigger,"
                                        + " CAST(CAST(:definition AS text) AS jsonb))"),
                        definition)
                .bind("id", id)
                .update()
                .flatMap(ignored -> find(id));
    }

    public Uni<Campaign> find(UUID id) {
        return query(NativeSql.of("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
                        .bind("id", id))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Locks the row until the transaction ends, so status changes and planning do not overlap. */
    public Uni<Campaign> lock(UUID id) {
        return query(NativeSql.of("SELECT " + COLUMNS + " FROM campaign WHERE id = :id FOR UPDATE")
                        .bind("id", id))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<List<Campaign>> list(CampaignStatus status, UUID after, int fetch) {
        return query(NativeSql.of("SELECT " + COLUMNS + " FROM campaign"
                        + " WHERE (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))"
                        + " AND id > :after ORDER BY id LIMIT " + fetch)
                .bind("status", status == null ? null : status.name())
                .bind("after", after == null ? new UUID(0, 0) : after));
    }

    /** Running campaigns that fire on this event type. */
    public Uni<List<Campaign>> runningOn(String eventType) {
        return query(NativeSql.of("SELECT " + COLUMNS
                        + " FROM campaign WHERE status = 'RUNNING' AND trigger_event = :type" + " ORDER BY id")
                .bind("type", eventType));
    }

    /**
     * Campaigns whose next run is due, locked so that one replica plans each; the others skip them.
     */
    public Uni<List<Campaign>> claimDue(OffsetDateTime now, int limit) {
        return query(NativeSql.of("SELECT " + COLUMNS + " FROM campaign"
                        + " WHERE status IN ('SCHEDULED', 'RUNNING') AND next_run_at <= :now"
                        + " ORDER BY next_run_at LIMIT " + limit + " FOR UPDATE SKIP LOCKED")
                .bind("now", now));
    }

    public Uni<Campaign> update(UUID id, CampaignInput definition) {
        return defined(
                        NativeSql.of("UPDATE campaign SET name = :name, channel = :channel, schedule_kind = :kind,"
                                + " trigger_event = :trigger, definition = CAST(CAST(:definition AS text) AS jsonb),"
                                + " version = version + 1, updated_at = :now WHERE id = :id"),
                        definition)
                .bind("id", id)
                .bind("now", Utc.now())
                .update()
                .flatMap(ignored -> find(id));
    }

    public Uni<Campaign> setStatus(UUID id, CampaignStatus status, OffsetDateTime nextRunAt) {
        return NativeSql.of("UPDATE campaign SET status = :status, next_run_at = CAST(:next AS timestamptz),"
                        + " version = version + 1, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status.name())
                .bind("next", nextRunAt)
                .bind("now", Utc.now())
                .update()
                .flatMap(ignored -> find(id));
    }

    /** Records a run: one more, the next one, and RUNNING from now on. */
    public Uni<Void> ran(UUID id, OffsetDateTime nextRunAt) {
        return NativeSql.of("UPDATE campaign SET status = 'RUNNING', runs = runs + 1,"
                        + " next_run_at = CAST(:next AS timestamptz), updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("next", nextRunAt)
                .bind("now", Utc.now())
                .update()
                .replaceWithVoid();
    }

    /**
     * Finishes running campaigns with nothing more to plan and nothing left to send: one-off and
     * cron campaigns after their last run, trigger campaigns past their end.
     */
    public Uni<Integer> finishCompleted(OffsetDateTime now) {
        return NativeSql.of(
                        """
                UPDATE campaign c SET status = 'FINISHED', version = version + 1, updated_at = :now
                 WHERE c.status = 'RUNNING' AND c.next_run_at IS NULL
                   AND (c.schedule_kind <> 'TRIGGER'
                        OR CAST(c.definition -> 'schedule' ->> 'until' AS timestamptz) < :now)
                   AND NOT EXISTS (SELECT 1 FROM delivery d
                                    WHERE d.campaign_id = c.id AND d.status IN ('PENDING', 'SENDING'))""")
                .bind("now", now)
                .update();
    }

    private NativeSql defined(NativeSql sql, CampaignInput definition) {
        return sql.bind("name", definition.name())
                .bind("channel", definition.channel().name())
                .bind("kind", definition.schedule().kind().name())
                .bind("trigger", Campaign.triggerEvent(definition))
                .bind("definition", write(definition));
    }

    private Uni<List<Campaign>> query(NativeSql sql) {
        return sql.rows().map(rows -> rows.stream().map(this::campaign).toList());
    }

    private Campaign campaign(Object[] r) {
        return new Campaign(
                (UUID) r[0],
                CampaignStatus.valueOf((String) r[1]),
                read((String) r[2]),
                r[3] == null ? null : Utc.of(r[3]),
                ((Number) r[4]).intValue(),
                ((Number) r[5]).longValue(),
                Utc.of(r[6]),
                Utc.of(r[7]));
    }

    private String write(CampaignInput definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (Exception e) {
            throw new IllegalStateException("campaign definition is not serialisable", e);
        }
    }

    private CampaignInput read(String text) {
        try {
            return json.readValue(text, CampaignInput.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored campaign definition does not read back", e);
        }
    }
}
