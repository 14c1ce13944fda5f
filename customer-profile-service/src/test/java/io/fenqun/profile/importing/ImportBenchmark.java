package io.fenqun.profile.importing;

import static io.restassured.RestAssured.given;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code make bench-import} (not part of {@code make test}): imports 1,000,000 order rows through the
 * service's import path and COPYs the same file into a bare table of the same database, and
 * prints rows/s for both and their ratio (target: at least 0.5). It also COPYs the orders, items
 * and feed events the import wrote, ready-made, into tables shaped like the service's: the least
 * PostgreSQL itself needs to keep them, which bounds the ratio any import could reach.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ImportBenchmark {

    static final int CUSTOMERS = 100_000;
    static final int ORDERS = Integer.getInteger("bench.orders", 1_000_000);
    static final String ADMIN = TestTokens.bearer("admin");

    @Test
    void importVersusRawCopy() throws Exception {
        Path customers = Files.createTempFile("bench-customers", ".csv");
        Path orders = Files.createTempFile("bench-orders", ".csv");
        try {
            writeCustomers(customers);
            writeOrders(orders);
            awaitImport(upload("customers", customers));

            Instant start = Instant.now();
            awaitImport(upload("orders", orders));
            double serviceSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            long imported = TestDatabase.count("SELECT count(*) FROM customer_order WHERE external_source = 'bench'");
            if (imported != ORDERS) {
                throw new AssertionError("imported " + imported + " of " + ORDERS + " orders");
            }

            double copySeconds = rawCopy(orders);
            double floorSeconds = sameRowsIntoLikeTables();
            double serviceRate = ORDERS / serviceSeconds;
            double copyRate = ORDERS / copySeconds;
            double floorRate = ORDERS / floorSeconds;
            System.out.printf(
                    "%nbench-import: %,d order rows (%.1f MB CSV)%n"
                            + "  through the service (upload, parse, validate, upsert, feed events): %8.1f s  %,10.0f rows/s%n"
                            + "  raw PostgreSQL COPY into a bare table:                            %8.1f s  %,10.0f rows/s%n"
                            + "  ratio service / raw COPY: %.2f (target >= 0.50)%n"
                            + "  the orders, items and feed events it wrote, COPYed ready-made into tables like the"
                            + " service's%n  (same columns, checks, indexes, foreign keys):                     %8.1f s  %,10.0f rows/s%n"
                            + "  so no import can pass a ratio of %.2f; service / that floor: %.2f%n%n",
                    ORDERS,
                    Files.size(orders) / 1e6,
                    serviceSeconds,
                    serviceRate,
                    copySeconds,
                    copyRate,
                    serviceRate / copyRate,
                    floorSeconds,
                    floorRate,
                    floorRate / copyRate,
                    serviceRate / floorRate);
        } finally {
            Files.deleteIfExists(customers);
            Files.deleteIfExists(orders);
        }
    }

    private static void writeCustomers(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("客户编号,姓名,手机,市\n");
            for (int i = 0; i < CUSTOMERS; i++) {
                out.write("C-" + i + ",客户" + i + ",177" + String.format("%08d", i) + ",杭州市\n");
            }
        }
    }

    private static void writeOrders(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("订单号,客户编号,下单时间,金额,商品编码,商品,品类,数量,单价\n");
            for (int i = 0; i < ORDERS; i++) {
                int quantity = 1 + i % 3;
                int cents = 500 + (i * 37) % 20_000;
                String price = (cents / 100) + "." + String.format("%02d", cents % 100);
                int totalCents = cents * quantity;
                String total = (totalCents / 100) + "." + String.format("%02d", totalCents % 100);
                out.write("O-" + i + ",C-" + (i % CUSTOMERS) + ",2026-" + String.format("%02d", 1 + i % 12) + "-"
                        + String.format("%02d", 1 + i % 28) + " " + String.format("%02d", i % 24) + ":15:00,"
                        + total + ",SKU-" + (i % 5000) + ",商品" + (i % 5000) + ",品类" + (i % 40) + "," + quantity + ","
                        + price + "\n");
            }
        }
    }

    private static String upload(String kind, Path file) {
        return given().header("Authorization", ADMIN)
                .contentType("text/csv")
                .queryParam("kind", kind)
                .queryParam("source", "bench")
                .body(file.toFile())
                .post("/api/v1/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private static void awaitImport(String id) throws InterruptedException {
        while (true) {
            var job = given().header("Authorization", ADMIN)
                    .get("/api/v1/imports/" + id)
                    .then()
                    .extract();
            String status = job.path("status");
            if (status.equals("SUCCEEDED")) {
                return;
            }
            if (status.equals("FAILED")) {
                throw new AssertionError("import failed: " + job.asString());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Copies out the orders, items and {@code order.recorded} events the import wrote, then times
     * COPYing them back, in one transaction, into new tables LIKE the service's, with the same
     * foreign keys: what storing them costs with no parsing, matching or event building at all.
     */
    private static double sameRowsIntoLikeTables() throws Exception {
        Path orders = Files.createTempFile("bench-floor-orders", ".copy");
        Path items = Files.createTempFile("bench-floor-items", ".copy");
        Path events = Files.createTempFile("bench-floor-events", ".copy");
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copyOut(copy, "SELECT * FROM customer_order WHERE external_source = 'bench'", orders);
            copyOut(
                    copy,
                    "SELECT i.* FROM order_item i JOIN customer_order o ON o.id = i.order_id"
                            + " WHERE o.external_source = 'bench'",
                    items);
            copyOut(
                    copy,
                    "SELECT id, type, subject, occurred_at, data FROM feed_event WHERE type = 'order.recorded'",
                    events);
            s.execute("CREATE TABLE floor_order (LIKE customer_order INCLUDING ALL,"
                    + " FOREIGN KEY (customer_id) REFERENCES customer (id))");
            s.execute("CREATE TABLE floor_item (LIKE order_item INCLUDING ALL,"
                    + " FOREIGN KEY (order_id) REFERENCES floor_order (id) ON DELETE CASCADE)");
            s.execute("CREATE TABLE floor_event (LIKE feed_event INCLUDING ALL)");
            c.setAutoCommit(false);
            Instant start = Instant.now();
            copyIn(copy, "floor_order", orders);
            copyIn(copy, "floor_item", items);
            copyIn(copy, "floor_event (id, type, subject, occurred_at, data)", events);
            c.commit();
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            s.execute("DROP TABLE floor_item, floor_order, floor_event");
            c.commit();
            return seconds;
        } finally {
            Files.deleteIfExists(orders);
            Files.deleteIfExists(items);
            Files.deleteIfExists(events);
        }
    }

    private static void copyOut(CopyManager copy, String query, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            copy.copyOut("COPY (" + query + ") TO STDOUT", out);
        }
    }

    private static void copyIn(CopyManager copy, String table, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            copy.copyIn("COPY " + table + " FROM STDIN", in);
        }
    }

    private static double rawCopy(Path file) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            s.execute("CREATE TABLE bench_raw_orders (order_id text, customer_id text, ordered_at text, total text,"
                    + " sku text, item_name text, category text, quantity text, unit_price text)");
            Instant start = Instant.now();
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY bench_raw_orders FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            s.execute("DROP TABLE bench_raw_orders");
            return seconds;
        }
    }
}
