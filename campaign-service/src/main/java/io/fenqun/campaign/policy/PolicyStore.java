package io.fenqun.campaign.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.campaign.db.NativeSql;
import io.fenqun.kit.time.Utc;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The contact policy row and the do-not-contact list; every method runs in the caller's session. */
@ApplicationScoped
public class PolicyStore {

    /** The settings and their version (0: never changed, the defaults apply). */
    public record Versioned(PolicySettings settings, long version) {}

    private final ObjectMapper json;

    public PolicyStore(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Versioned> settings() {
        return NativeSql.of("SELECT settings::text, version FROM contact_policy WHERE id = 1")
                .rows()
                .map(rows -> rows.isEmpty()
                        ? new Versioned(PolicySettings.defaults(), 0)
                        : new Versioned(read((String) rows.get(0)[0]), ((Number) rows.get(0)[1]).longValue()));
    }

    /** Replaces the settings if they are still at {@code expectedVersion}; false when they were not. */
    public Uni<Boolean> replace(PolicySettings settings, long expectedVersion) {
        return NativeSql.of(
                        """
                        INSERT INTO contact_policy (id, settings, version, updated_at)
                        SELECT 1, CAST(CAST(:settings AS text) AS jsonb), 1, :now WHERE :expected = 0
                        ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings,
                               version = contact_policy.version + 1, updated_at = EXCLUDED.updated_at
                         WHERE contact_policy.version = :expected""")
                .bind("settings", write(settings))
                .bind("expected", expectedVersion)
                .bind("now", Utc.now())
                .update()
                .map(changed -> changed == 1);
    }

    public Uni<Void> doNotContact(UUID customer, String reason, String addedBy) {
        return NativeSql.of(
                        """
                        INSERT INTO do_not_contact (customer_id, reason, added_by, added_at)
                        VALUES (:customer, :reason, :by, :now)
                        ON CONFLICT (customer_id) DO UPDATE SET reason = EXCLUDED.reason, added_by = EXCLUDED.added_by,
                               added_at = EXCLUDED.added_at""")
                .bind("customer", customer)
                .bind("reason", reason)
                .bind("by", addedBy)
                .bind("now", Utc.now())
                .update()
                .replaceWithVoid();
    }

    public Uni<Boolean> allowContact(UUID customer) {
        return NativeSql.of("DELETE FROM do_not_contact WHERE customer_id = :customer")
                .bind("customer", customer)
                .update()
                .map(deleted -> deleted == 1);
    }

    public Uni<List<Object[]>> doNotContactList(UUID after, int fetch) {
        return NativeSql.of("SELECT customer_id, reason, added_by, added_at FROM do_not_contact"
                        + " WHERE customer_id > :after ORDER BY customer_id LIMIT " + fetch)
                .bind("after", after == null ? new UUID(0, 0) : after)
                .rows();
    }

    private String write(PolicySettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (Exception e) {
            throw new IllegalStateException("policy settings are not serialisable", e);
        }
    }

    private PolicySettings read(String text) {
        try {
            return json.readValue(text, PolicySettings.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored policy settings do not read back", e);
        }
    }
}
