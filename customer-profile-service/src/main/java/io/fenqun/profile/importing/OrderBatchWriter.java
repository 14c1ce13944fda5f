package io.fenqun.profile.importing;

import io.fenqun.kit.ids.Ids;
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
 * Writes a batch of order rows set-based: COPY the lines into staging, group them into orders,
 * resolve each order's customer (external id, then phone), insert new orders with their items,
 * replace orders whose content changed, and append the feed events — in the caller's transaction.
 */
final class OrderBatchWriter {

    private static final String STAGE_LINES =
            """
            CREATE TEMP TABLE IF NOT EXISTS stage_order_line (
                row_no bigint, candidate_id uuid, event_id uuid, source text, order_id text,
                customer_external_id text, customer_phone text, ordered_at timestamptz, total numeric(14, 2),
                currency text, channel text, store text, status text, sku text, item_name text, category text,
                quantity numeric(12, 3), unit_price numeric(14, 2), coupon_code text
            ) ON COMMIT DELETE ROWS""";

    private static final String STAGE_ORDERS =
            """
            CREATE TEMP TABLE IF NOT EXISTS stage_order (
                source text, order_id text, first_row bigint, candidate_id uuid, event_id uuid,
                customer_external_id text, customer_phone text, customer_id uuid, existing_id uuid,
                ordered_at timestamptz, total numeric(14, 2), line_total numeric, currency text, channel text,
                store text, status text, coupon_code text, items jsonb, changed boolean NOT NULL DEFAULT false
            ) ON COMMIT DELETE ROWS""";

    private static final String COLUMNS = "row_no, candidate_id, event_id, source, order_id, customer_external_id,"
            + " customer_phone, ordered_at, total, currency, channel, store, status, sku, item_name, category,"
            + " quantity, unit_price, coupon_code";

    /** The JSON of an order on the feed (alias co, with its items as co.items), shaped like the API's OrderView. */
    private static final String ORDER_JSON =
            """
            jsonb_strip_nulls(jsonb_build_object('id', co.id, 'customerId', co.customer_id,
                'external', jsonb_build_object('source', co.external_source, 'id', co.external_id),
                'orderedAt', co.ordered_at, 'channel', co.channel, 'store', co.store, 'currency', co.currency,
                'total', co.total, 'status', co.status, 'items', co.items, 'couponCode', co.coupon_code,
                'version', co.version, 'createdAt', co.created_at, 'updatedAt', co.updated_at))""";

    private static final String ITEMS_OF_ORDER =
            """
            coalesce((SELECT jsonb_agg(jsonb_build_object('sku', i.sku, 'name', i.name, 'category', i.category,
                'quantity', i.quantity, 'unitPrice', i.unit_price) ORDER BY i.line_no)
                FROM order_item i WHERE i.order_id = co.id), '[]'::jsonb)""";

    private OrderBatchWriter() {}

    static BatchResult write(Connection db, List<OrderRecord> batch) throws SQLException, IOException {
        try (Statement sql = db.createStatement()) {
            sql.execute(STAGE_LINES);
            sql.execute(STAGE_ORDERS);
            sql.execute("TRUNCATE stage_order_line, stage_order");
            copy(db, batch);
            group(sql);
            List<RowError> rejected = reject(sql);
            long orders = count(sql, "SELECT count(*) FROM stage_order");
            long created = insertNew(sql);
            long updated = replaceChanged(sql);
            return new BatchResult(created, updated, orders - created - updated, rejected);
        }
    }

    private static void copy(Connection db, List<OrderRecord> batch) throws SQLException, IOException {
        StringBuilder data = new StringBuilder(batch.size() * 160);
        CopyText row = new CopyText();
        for (OrderRecord r : batch) {
            data.append(row.add(r.row())
                    .add(Ids.newId())
                    .add(Ids.newId())
                    .add(r.source())
                    .add(r.orderId())
                    .add(r.customerExternalId())
                    .add(r.customerPhone())
                    .add(r.orderedAt())
                    .add(r.total())
                    .add(r.currency() == null ? null : r.currency().toUpperCase())
                    .add(r.channel())
                    .add(r.store())
                    .add(r.status())
                    .add(r.sku())
                    .add(r.itemName())
                    .add(r.category())
                    .add(r.quantity())
                    .add(r.unitPrice())
                    .add(r.couponCode())
                    .endRow());
        }
        db.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY stage_order_line (" + COLUMNS + ") FROM STDIN", new StringReader(data.toString()));
    }

    /** One stage_order row per order, its header from its first line; then customers and existing orders. */
    private static void group(Statement sql) throws SQLException {
        sql.executeUpdate(
                """
                INSERT INTO stage_order (source, order_id, first_row, candidate_id, event_id, customer_external_id,
                    customer_phone, ordered_at, total, line_total, currency, channel, store, status, coupon_code)
                SELECT f.source, f.order_id, f.row_no, f.candidate_id, f.event_id, f.customer_external_id,
                       f.customer_phone, f.ordered_at, coalesce(f.total, round(g.line_total, 2)), g.line_total,
                       coalesce(f.currency, 'CNY'), f.channel, f.store, f.status, f.coupon_code
                  FROM (SELECT source, order_id, min(row_no) AS first_row,
                               sum(quantity * unit_price) FILTER (WHERE sku IS NOT NULL) AS line_total
                          FROM stage_order_line GROUP BY source, order_id) g
                  JOIN stage_order_line f ON f.row_no = g.first_row""");
        sql.executeUpdate(
                """
                UPDATE stage_order o SET items = a.items
                  FROM (SELECT source, order_id, jsonb_agg(jsonb_build_object('sku', sku, 'name', item_name,
                               'category', category, 'quantity', quantity, 'unitPrice', unit_price) ORDER BY row_no) AS items
                          FROM stage_order_line WHERE sku IS NOT NULL GROUP BY source, order_id) a
                 WHERE a.source = o.source AND a.order_id = o.order_id""");
        sql.executeUpdate("UPDATE stage_order SET items = '[]'::jsonb WHERE items IS NULL");
        sql.execute("ANALYZE stage_order");
        sql.executeUpdate(
                """
                UPDATE stage_order o SET customer_id = x.customer_id FROM customer_external_id x
                 WHERE o.customer_external_id IS NOT NULL AND x.source = o.source
                   AND x.external_id = o.customer_external_id""");
        sql.executeUpdate(
                """
                UPDATE stage_order o SET customer_id = c.id FROM customer c
                 WHERE o.customer_id IS NULL AND o.customer_phone IS NOT NULL AND c.phone = o.customer_phone
                   AND c.status = 'ACTIVE'""");
        sql.executeUpdate(
                """
                UPDATE stage_order o SET existing_id = co.id FROM customer_order co
                 WHERE co.external_source = o.source AND co.external_id = o.order_id""");
    }

    /** Orders whose customer is unknown or whose total disagrees with its items; every row of them is reported. */
    private static List<RowError> reject(Statement sql) throws SQLException {
        List<RowError> rejected = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(
                """
                SELECT l.row_no, CASE WHEN o.customer_id IS NULL THEN 'names a customer that does not exist'
                                      ELSE 'the order total does not match its items' END
                  FROM stage_order o JOIN stage_order_line l ON l.source = o.source AND l.order_id = o.order_id
                 WHERE o.customer_id IS NULL OR (o.line_total IS NOT NULL AND o.total <> round(o.line_total, 2))
                 ORDER BY l.row_no""")) {
            while (rs.next()) {
                rejected.add(new RowError(rs.getLong(1), RowError.WHOLE_ROW, rs.getString(2)));
            }
        }
        if (!rejected.isEmpty()) {
            sql.executeUpdate("DELETE FROM stage_order WHERE customer_id IS NULL"
                    + " OR (line_total IS NOT NULL AND total <> round(line_total, 2))");
        }
        return rejected;
    }

    private static long insertNew(Statement sql) throws SQLException {
        long created = sql.executeUpdate(
                """
                INSERT INTO customer_order (id, customer_id, external_source, external_id, ordered_at, channel, store,
                    currency, total, status, coupon_code)
                SELECT candidate_id, customer_id, source, order_id, ordered_at, channel, store, currency, total, status,
                       coupon_code
                  FROM stage_order WHERE existing_id IS NULL ORDER BY first_row""");
        insertItems(sql, "o.existing_id IS NULL", "o.candidate_id");
        // Built from the staged rows, which hold every value just inserted: joining the growing orders
        // table instead made each batch slower than the last.
        sql.executeUpdate("INSERT INTO feed_event (id, type, subject, data) SELECT co.event_id, 'order.recorded',"
                + " co.customer_id::text, " + ORDER_JSON + " FROM (SELECT o.candidate_id AS id, o.customer_id,"
                + " o.source AS external_source, o.order_id AS external_id, o.ordered_at, o.channel, o.store,"
                + " o.currency, o.total, o.status, o.coupon_code, o.items, 0 AS version, now() AS created_at,"
                + " now() AS updated_at, o.event_id, o.first_row FROM stage_order o WHERE o.existing_id IS NULL) co"
                + " ORDER BY co.first_row");
        return created;
    }

    /** Orders already known: rewritten, with a new version and an event, only when their content differs. */
    private static long replaceChanged(Statement sql) throws SQLException {
        // Most imports bring new orders; comparing then would only cost a scan of the orders table.
        if (count(sql, "SELECT count(*) FROM stage_order WHERE existing_id IS NOT NULL") == 0) {
            return 0;
        }
        sql.executeUpdate("UPDATE stage_order o SET changed = true FROM customer_order co WHERE co.id = o.existing_id"
                + " AND ((co.customer_id, co.ordered_at, co.channel, co.store, co.currency, co.total, co.status,"
                + " co.coupon_code) IS DISTINCT FROM (o.customer_id, o.ordered_at, o.channel, o.store, o.currency,"
                + " o.total, o.status, o.coupon_code) OR " + ITEMS_OF_ORDER + " <> o.items)");
        long updated = sql.executeUpdate(
                """
                UPDATE customer_order co SET customer_id = o.customer_id, ordered_at = o.ordered_at,
                    channel = o.channel, store = o.store, currency = o.currency, total = o.total, status = o.status,
                    coupon_code = o.coupon_code, version = co.version + 1, updated_at = now()
                  FROM stage_order o WHERE co.id = o.existing_id AND o.changed""");
        if (updated == 0) {
            return 0;
        }
        sql.executeUpdate(
                "DELETE FROM order_item i USING stage_order o WHERE i.order_id = o.existing_id AND o.changed");
        insertItems(sql, "o.changed", "o.existing_id");
        sql.executeUpdate("INSERT INTO feed_event (id, type, subject, data) SELECT co.event_id, 'order.updated',"
                + " co.customer_id::text, " + ORDER_JSON + " FROM (SELECT c.*, o.items, o.event_id, o.first_row"
                + " FROM stage_order o JOIN customer_order c ON c.id = o.existing_id WHERE o.changed) co"
                + " ORDER BY co.first_row");
        return updated;
    }

    private static void insertItems(Statement sql, String which, String orderId) throws SQLException {
        sql.executeUpdate("INSERT INTO order_item (order_id, line_no, sku, name, category, quantity, unit_price)"
                + " SELECT " + orderId
                + ", row_number() OVER (PARTITION BY l.source, l.order_id ORDER BY l.row_no) - 1,"
                + " l.sku, l.item_name, l.category, l.quantity, l.unit_price"
                + " FROM stage_order_line l JOIN stage_order o ON o.source = l.source AND o.order_id = l.order_id"
                + " WHERE l.sku IS NOT NULL AND " + which);
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
