package io.fenqun.segment;

import static io.restassured.RestAssured.given;

import io.fenqun.kit.security.Roles;
import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.fenqun.segment.testing.ProfileFeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-segments}: the full recompute over a generated population next to one
 * hand-written SQL statement computing the same R, F, M and quintiles on the same data; the
 * recompute's peak heap; and the latency from an applied order event to its membership event at
 * 200 orders/s. Not a test: it prints numbers. Size with {@code -Dbench.customers=} (1,000,000).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SegmentBenchmark {

    static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);

    @Test
    void recomputeAgainstHandWrittenRfmAndEventLatency() throws Exception {
        long generated = generate();
        createCustomSegments();

        resetHeapPeaks();
        // The first recompute aggregates and labels everyone and fills every segment (events for all);
        // the second is the nightly steady state a day later, where most customers keep their labels.
        Map<String, Object> first = recompute();
        oneDayPasses();
        Map<String, Object> nightly = recompute();
        long peakHeap = heapPeaks();
        long recomputeMillis = ((Number) nightly.get("featuresMillis")).longValue()
                + ((Number) nightly.get("segmentsMillis")).longValue();

        List<Long> baselineRuns = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            baselineRuns.add(handWrittenRfm());
        }
        // The median: on two cores one run of the parallel baseline swings with whatever else the
        // machine does (4.6 s to 6.4 s seen on the same data).
        long baselineMillis = baselineRuns.stream().sorted().toList().get(1);

        System.out.printf(
                "%nsegment recompute: %,d customers, %,d orders, 25 built-in + 20 custom segments%n",
                CUSTOMERS, generated);
        System.out.printf("  first recompute (labels everyone, fills all segments): %s%n", first);
        System.out.printf("  nightly recompute a day later:                          %s%n", nightly);
        System.out.printf("  nightly features, dimensions and 45 segments:    %,d ms%n", recomputeMillis);
        System.out.printf(
                "  hand-written SQL (R, F, M and quintiles):         %,d ms (median of %s)%n",
                baselineMillis, baselineRuns);
        System.out.printf("  ratio: %.2fx (target <= 2x)%n", recomputeMillis / (double) baselineMillis);
        System.out.printf(
                "  then the daily report snapshot of all segments:  %,d ms (not part of the ratio)%n",
                ((Number) nightly.get("snapshotMillis")).longValue());
        System.out.printf("  recompute peak heap: %,d MiB (target < 2048 MiB)%n", peakHeap / (1024 * 1024));

        List<Long> latencies = eventLatencies(200, 15);
        Collections.sort(latencies);
        System.out.printf(
                "order event applied -> membership event committed, 200 orders/s for 15 s: p50 %d ms, p99 %d ms"
                        + " (target p99 < 1000 ms; feed transport not included)%n%n",
                latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)));
    }

    private static Map<String, Object> recompute() {
        // A recompute of a million customers takes longer than the test client's default 30 s read timeout.
        return given().config(RestAssured.config()
                        .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 3_600_000)))
                .header("Authorization", ADMIN)
                .post("/api/v1/recomputes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    /**
     * Moves the timestamps the recompute reads a day into the past, as if the next nightly run came a
     * day later: orders leave time windows, recencies grow, customers cross cut points and lifecycle
     * thresholds.
     */
    private void oneDayPasses() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("UPDATE customer_order SET ordered_at = ordered_at - interval '1 day'");
            s.execute("UPDATE customer SET created_at = created_at - interval '1 day'");
            s.execute("UPDATE customer_facts SET first_purchase_at = first_purchase_at - interval '1 day',"
                    + " last_purchase_at = last_purchase_at - interval '1 day',"
                    + " computed_at = computed_at - interval '1 day'");
            s.execute("UPDATE population_cutoffs SET computed_at = computed_at - interval '1 day'");
            // Memberships keep their times: no recompute reads them, and moving them rewrote every
            // membership just before the nightly (doubling the table and its indexes, and leaving them
            // in the buffer cache for it), which a real day never does.
            s.execute("VACUUM ANALYZE");
            // Writes out the pages all this dirtied now, rather than in a checkpoint that could fall
            // inside the timed recompute.
            s.execute("CHECKPOINT");
        }
    }

    /** Customers with 1 to 19 orders each (10 on average), one line item per order; returns the order count. */
    private long generate() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    """
                    INSERT INTO customer (id, kind, province, city, area_type, needs, tags, created_at, updated_at)
                    SELECT gen_random_uuid(), CASE WHEN i % 10 = 0 THEN 'COMPANY' ELSE 'PERSON' END,
                           (ARRAY['浙江省','上海市','北京市','广东省'])[1 + i % 4],
                           (ARRAY['杭州市','上海市','北京市','广州市','深圳市'])[1 + i % 5],
                           (ARRAY['URBAN','SUBURBAN','RURAL'])[1 + i % 3],
                           CASE WHEN i % 3 = 0 THEN ARRAY['GIFT'] ELSE ARRAY['DAILY'] END,
                           CASE WHEN i % 7 = 0 THEN ARRAY['vip'] ELSE '{}' END,
                           now() - (i % 1500) * interval '1 day', now()
                      FROM generate_series(1, $customers) i"""
                            .replace("$customers", Integer.toString(CUSTOMERS)));
            s.execute(
                    """
                    INSERT INTO customer_order (id, customer_id, ordered_at, currency, total, status)
                    SELECT gen_random_uuid(), c.id, now() - random() * interval '900 days', 'CNY',
                           round((5 + random() * 995)::numeric, 2),
                           CASE WHEN random() < 0.03 THEN 'REFUNDED' ELSE 'PAID' END
                      FROM customer c, generate_series(1, 1 + (hashtext(c.id::text) & 2147483647) % 19)""");
            s.execute(
                    """
                    INSERT INTO order_item (order_id, line, sku, name, category, quantity, unit_price)
                    SELECT id, 1, 'SKU-' || ((hashtext(id::text) & 2147483647) % 500), '商品',
                           (ARRAY['水果','蔬菜','肉类','翡翠','黄金'])[1 + (hashtext(id::text) & 2147483647) % 5], 1, total
                      FROM customer_order""");
            s.execute("ANALYZE");
            var rows = s.executeQuery("SELECT count(*) FROM customer_order");
            rows.next();
            return rows.getLong(1);
        }
    }

    private void createCustomSegments() {
        List<String> rules = List.of(
                "{\"field\":\"spendTotal\",\"op\":\"gte\",\"value\":5000}",
                "{\"field\":\"lastPurchaseAt\",\"op\":\"moreThanDaysAgo\",\"value\":90}",
                "{\"field\":\"rfmSegment\",\"op\":\"in\",\"value\":[\"At Risk\",\"Can't Lose Them\"]}",
                "{\"field\":\"province\",\"op\":\"eq\",\"value\":\"浙江省\"}",
                "{\"field\":\"tags\",\"op\":\"containsAny\",\"value\":[\"vip\"]}",
                "{\"field\":\"needs\",\"op\":\"containsAll\",\"value\":[\"GIFT\"]}",
                "{\"field\":\"orders90d\",\"op\":\"between\",\"value\":[1,3]}",
                "{\"field\":\"averageOrderValue\",\"op\":\"gt\",\"value\":600}",
                "{\"field\":\"topCategory\",\"op\":\"in\",\"value\":[\"翡翠\",\"黄金\"]}",
                "{\"field\":\"kind\",\"op\":\"eq\",\"value\":\"COMPANY\"}",
                "{\"all\":[{\"field\":\"lifecycle\",\"op\":\"eq\",\"value\":\"active\"},{\"field\":\"valueTier\",\"op\":\"eq\",\"value\":\"A\"}]}",
                "{\"any\":[{\"field\":\"city\",\"op\":\"eq\",\"value\":\"杭州市\"},{\"field\":\"city\",\"op\":\"eq\",\"value\":\"上海市\"}]}",
                "{\"not\":{\"field\":\"weekendShare\",\"op\":\"gt\",\"value\":0.5}}",
                "{\"field\":\"favouriteHour\",\"op\":\"between\",\"value\":[18,23]}",
                "{\"field\":\"tenureDays\",\"op\":\"gt\",\"value\":365}",
                "{\"field\":\"orders365d\",\"op\":\"gte\",\"value\":5}",
                "{\"field\":\"areaType\",\"op\":\"in\",\"value\":[\"RURAL\",\"SUBURBAN\"]}",
                "{\"all\":[{\"field\":\"mScore\",\"op\":\"gte\",\"value\":4},{\"field\":\"rScore\",\"op\":\"lte\",\"value\":2}]}",
                "{\"field\":\"firstPurchaseAt\",\"op\":\"withinLastDays\",\"value\":180}",
                "{\"field\":\"spend365d\",\"op\":\"lt\",\"value\":100}");
        for (int i = 0; i < rules.size(); i++) {
            given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body("{\"name\":\"bench " + i + "\",\"rule\":" + rules.get(i) + "}")
                    .post("/api/v1/segments")
                    .then()
                    .statusCode(201);
        }
    }

    /** The same R, F and M over paid orders, with quintiles, in one statement; its rows are counted, not shipped. */
    private long handWrittenRfm() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            long start = System.nanoTime();
            s.executeQuery(
                            """
                            SELECT count(*) FROM (
                              SELECT customer_id,
                                     ntile(5) OVER (ORDER BY recency DESC) AS r,
                                     ntile(5) OVER (ORDER BY frequency) AS f,
                                     ntile(5) OVER (ORDER BY monetary) AS m
                                FROM (SELECT customer_id, extract(epoch FROM now() - max(ordered_at)) / 86400 AS recency,
                                             count(*) AS frequency, sum(total) AS monetary
                                        FROM customer_order WHERE status = 'PAID' GROUP BY customer_id) rfm) scored""")
                    .close();
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** Fresh customers each get a first order at the given rate; each order moves them from potential to new. */
    private List<Long> eventLatencies(int perSecond, int seconds) throws Exception {
        int total = perSecond * seconds;
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            customers.add(ProfileFeed.customer(Map.of()));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
        long periodMicros = 1_000_000L / perSecond;
        for (int i = 0; i < total; i++) {
            UUID customer = customers.get(i);
            load.schedule(
                    () -> {
                        long start = System.nanoTime();
                        ProfileFeed.order(customer, ProfileFeed.daysAgo(0), "50.00", "水果");
                        latencies.add((System.nanoTime() - start) / 1_000_000);
                    },
                    i * periodMicros,
                    TimeUnit.MICROSECONDS);
        }
        load.shutdown();
        load.awaitTermination(seconds * 10L, TimeUnit.SECONDS);
        return new ArrayList<>(latencies);
    }

    private static void resetHeapPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeaks() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
