package io.fenqun.profile.importing;

import io.fenqun.kit.ids.Ids;
import io.fenqun.profile.customer.CustomerSql;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Writes a batch of customer rows set-based: COPY into a staging table, match each row to an
 * existing customer (external id, then phone, then email), insert the new, update only what really
 * changed, and append the matching feed events — all in the caller's transaction.
 */
final class CustomerBatchWriter {

    private static final String STAGE =
            """
            CREATE TEMP TABLE IF NOT EXISTS stage_customer (
                row_no bigint, candidate_id uuid, event_id uuid, source text, external_id text, kind text,
                name text, gender text, birth_date date, phone text, email text, province text, city text,
                district text, address_line text, area_type text, locality text, industry text,
                company_size text, needs text[], preferred_categories text[], preferred_channels text[],
                tags text[], owner_id text, membership_tier text, customer_id uuid, new_link boolean
            ) ON COMMIT DELETE ROWS""";

    private static final String COLUMNS = "row_no, candidate_id, event_id, source, external_id, kind, name, gender,"
            + " birth_date, phone, email, province, city, district, address_line, area_type, locality, industry,"
            + " company_size, needs, preferred_categories, preferred_channels, tags, owner_id, membership_tier";

    private CustomerBatchWriter() {}

    static BatchResult write(Connection db, List<CustomerRecord> batch) throws SQLException, IOException {
        try (Statement sql = db.createStatement()) {
            sql.execute(STAGE);
            sql.execute("TRUNCATE stage_customer");
            copy(db, batch);
            sql.execute("ANALYZE stage_customer");
            match(sql);
            List<RowError> rejected = rejectConflicts(sql);
            sql.executeUpdate(
                    """
                    UPDATE stage_customer s SET new_link = s.external_id IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM customer_external_id x WHERE x.source = s.source AND x.external_id = s.external_id)""");
            long created = insertNew(sql);
            long updated = updateChanged(sql);
            long unchanged = batch.size() - rejected.size() - created - updated;
            return new BatchResult(created, updated, unchanged, rejected);
        }
    }

    private static void copy(Connection db, List<CustomerRecord> batch) throws SQLException, IOException {
        StringBuilder data = new StringBuilder(batch.size() * 200);
        CopyText row = new CopyText();
        for (CustomerRecord r : batch) {
            data.append(row.add(r.row())
                    .add(Ids.newId())
                    .add(Ids.newId())
                    .add(r.source())
                    .add(r.externalId())
                    .add(r.kind())
                    .add(r.name())
                    .add(r.gender())
                    .add(r.birthDate())
                    .add(r.phone())
                    .add(r.email())
                    .add(r.province())
                    .add(r.city())
                    .add(r.district())
                    .add(r.addressLine())
                    .add(r.areaType())
                    .add(r.locality())
                    .add(r.industry())
                    .add(r.companySize())
                    .add(r.needs())
                    .add(r.preferredCategories())
                    .add(r.preferredChannels())
                    .add(r.tags())
                    .add(r.ownerId())
                    .add(r.membershipTier())
                    .endRow());
        }
        db.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY stage_customer (" + COLUMNS + ") FROM STDIN", new StringReader(data.toString()));
    }

    private static void match(Statement sql) throws SQLException {
        sql.executeUpdate(
                """
                UPDATE stage_customer s SET customer_id = x.customer_id FROM customer_external_id x
                 WHERE s.external_id IS NOT NULL AND x.source = s.source AND x.external_id = s.external_id""");
        sql.executeUpdate(
                """
                UPDATE stage_customer s SET customer_id = c.id FROM customer c
                 WHERE s.customer_id IS NULL AND s.phone IS NOT NULL AND c.phone = s.phone AND c.status = 'ACTIVE'""");
        sql.executeUpdate(
                """
                UPDATE stage_customer s SET customer_id = m.id
                  FROM (SELECT DISTINCT ON (lower(c.email)) lower(c.email) AS email, c.id FROM customer c
                         WHERE c.status = 'ACTIVE' AND lower(c.email) IN (SELECT email FROM stage_customer)
                         ORDER BY lower(c.email), c.id) m
                 WHERE s.customer_id IS NULL AND s.email = m.email""");
    }

    /**
     * Rows the database cannot take: a phone that belongs to a different customer than the row's
     * match, or a second row that resolves to a customer an earlier row already changes.
     */
    private static List<RowError> rejectConflicts(Statement sql) throws SQLException {
        List<RowError> rejected = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(
                """
                SELECT s.row_no FROM stage_customer s JOIN customer c ON c.phone = s.phone AND c.status = 'ACTIVE'
                 WHERE s.phone IS NOT NULL AND c.id IS DISTINCT FROM s.customer_id ORDER BY s.row_no""")) {
            while (rs.next()) {
                rejected.add(new RowError(rs.getLong(1), RowError.WHOLE_ROW, "its phone belongs to another customer"));
            }
        }
        try (ResultSet rs = sql.executeQuery(
                """
                SELECT s.row_no, min(t.row_no) FROM stage_customer s JOIN stage_customer t
                    ON t.customer_id = s.customer_id AND t.row_no < s.row_no
                 GROUP BY s.row_no ORDER BY s.row_no""")) {
            while (rs.next()) {
                rejected.add(new RowError(
                        rs.getLong(1), RowError.WHOLE_ROW, "is the same customer as row " + rs.getLong(2)));
            }
        }
        if (!rejected.isEmpty()) {
            StringBuilder rows = new StringBuilder();
            rejected.forEach(e -> rows.append(rows.isEmpty() ? "" : ",").append(e.row()));
            sql.executeUpdate("DELETE FROM stage_customer WHERE row_no IN (" + rows + ")");
        }
        return rejected;
    }

    private static long insertNew(Statement sql) throws SQLException {
        long created = sql.executeUpdate(
                """
                INSERT INTO customer (id, kind, name, gender, birth_date, phone, email, province, city, district,
                    address_line, area_type, locality, industry, company_size, needs, preferred_categories,
                    preferred_channels, tags, owner_id, membership_tier)
                SELECT candidate_id, coalesce(kind, 'PERSON'), name, gender, birth_date, phone, email, province, city,
                    district, address_line, area_type, locality, industry, company_size, needs, preferred_categories,
                    preferred_channels, tags, owner_id, membership_tier
                  FROM stage_customer WHERE customer_id IS NULL ORDER BY row_no""");
        sql.executeUpdate(
                """
                INSERT INTO customer_external_id (source, external_id, customer_id)
                SELECT source, external_id, coalesce(customer_id, candidate_id) FROM stage_customer
                 WHERE external_id IS NOT NULL AND new_link""");
        // Built from the staged rows (which hold every value just inserted) rather than by joining the
        // growing customer table.
        sql.executeUpdate("INSERT INTO feed_event (id, type, subject, data) SELECT c.event_id, 'customer.created',"
                + " c.id::text, " + CustomerSql.JSON + " FROM (SELECT s.candidate_id AS id, coalesce(s.kind, 'PERSON')"
                + " AS kind, s.name, s.gender, s.birth_date, s.phone, s.email, s.province, s.city, s.district,"
                + " s.address_line, s.area_type, s.locality, s.industry, s.company_size, s.needs,"
                + " s.preferred_categories, s.preferred_channels, s.tags, s.owner_id, s.membership_tier,"
                + " 'ACTIVE' AS status, 0 AS version, now() AS created_at, now() AS updated_at, s.event_id, s.row_no"
                + " FROM stage_customer s WHERE s.customer_id IS NULL) c ORDER BY c.row_no");
        return created;
    }

    /** Blank cells keep what the customer has; only rows that change something are written. */
    private static long updateChanged(Statement sql) throws SQLException {
        return sql.executeUpdate("WITH changed AS (UPDATE customer c SET"
                + " kind = coalesce(s.kind, c.kind), name = coalesce(s.name, c.name),"
                + " gender = coalesce(s.gender, c.gender), birth_date = coalesce(s.birth_date, c.birth_date),"
                + " phone = coalesce(s.phone, c.phone), email = coalesce(s.email, c.email),"
                + " province = coalesce(s.province, c.province), city = coalesce(s.city, c.city),"
                + " district = coalesce(s.district, c.district), address_line = coalesce(s.address_line, c.address_line),"
                + " area_type = coalesce(s.area_type, c.area_type), locality = coalesce(s.locality, c.locality),"
                + " industry = coalesce(s.industry, c.industry), company_size = coalesce(s.company_size, c.company_size),"
                + " needs = " + keepIfEmpty("needs") + ", preferred_categories = " + keepIfEmpty("preferred_categories")
                + ", preferred_channels = " + keepIfEmpty("preferred_channels") + ", tags = " + keepIfEmpty("tags")
                + ", owner_id = coalesce(s.owner_id, c.owner_id),"
                + " membership_tier = coalesce(s.membership_tier, c.membership_tier),"
                + " version = c.version + 1, updated_at = now()"
                + " FROM stage_customer s WHERE c.id = s.customer_id AND (s.new_link OR"
                + " (c.kind, c.name, c.gender, c.birth_date, c.phone, c.email, c.province, c.city, c.district,"
                + " c.address_line, c.area_type, c.locality, c.industry, c.company_size, c.needs,"
                + " c.preferred_categories, c.preferred_channels, c.tags, c.owner_id, c.membership_tier)"
                + " IS DISTINCT FROM (coalesce(s.kind, c.kind), coalesce(s.name, c.name),"
                + " coalesce(s.gender, c.gender), coalesce(s.birth_date, c.birth_date), coalesce(s.phone, c.phone),"
                + " coalesce(s.email, c.email), coalesce(s.province, c.province), coalesce(s.city, c.city),"
                + " coalesce(s.district, c.district), coalesce(s.address_line, c.address_line),"
                + " coalesce(s.area_type, c.area_type), coalesce(s.locality, c.locality),"
                + " coalesce(s.industry, c.industry), coalesce(s.company_size, c.company_size), "
                + keepIfEmpty("needs") + ", " + keepIfEmpty("preferred_categories") + ", "
                + keepIfEmpty("preferred_channels") + ", " + keepIfEmpty("tags") + ","
                + " coalesce(s.owner_id, c.owner_id), coalesce(s.membership_tier, c.membership_tier)))"
                + " RETURNING c.*, s.event_id, s.row_no)"
                + " INSERT INTO feed_event (id, type, subject, data) SELECT c.event_id, 'customer.updated', c.id::text, "
                + CustomerSql.JSON + " FROM changed c ORDER BY c.row_no");
    }

    private static String keepIfEmpty(String column) {
        return "CASE WHEN cardinality(s." + column + ") > 0 THEN s." + column + " ELSE c." + column + " END";
    }
}
