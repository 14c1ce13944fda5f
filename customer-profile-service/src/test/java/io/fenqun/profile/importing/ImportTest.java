package io.fenqun.profile.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestDatabase;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/**
 * Issue 2, "done means" 3: a large GBK CSV with Chinese headers and 1% bad rows — the dry run
 * reports every bad row and writes nothing, the real run imports exactly the good rows, and a
 * second run changes nothing and emits no events. The same for XLSX and JSON Lines.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ImportTest {

    static final String ADMIN = TestTokens.bearer("admin");
    static final List<String> HEADERS = List.of("外部编号", "姓名", "手机", "邮箱", "性别", "生日", "省", "市", "地址", "标签");

    /** Row i of a generated file; every 100th row is bad in one of three ways. */
    static List<String> customerRow(String prefix, int i) {
        String phone = Map.of("gbk", "158", "xlsx", "159", "jsonl", "188").get(prefix) + String.format("%08d", i);
        String birth = "19" + (60 + i % 40) + "-0" + (1 + i % 9) + "-1" + (i % 9);
        if (i % 100 == 7) {
            phone = "12345";
        } else if (i % 100 == 37) {
            birth = "生日未知";
        }
        String name = i % 100 == 77 ? "" : "客户" + prefix + i;
        return List.of(
                prefix + "-" + i,
                name,
                phone,
                prefix + i + "@example.com",
                i % 2 == 0 ? "男" : "女",
                birth,
                "浙江省",
                "杭州市",
                "文一路 " + i + " 号",
                "vip、" + prefix);
    }

    static boolean isBad(int i) {
        return i % 100 == 7 || i % 100 == 37 || i % 100 == 77;
    }

    @Test
    void gbkCsvWithChineseHeaders() throws IOException {
        int rows = 100_000;
        StringBuilder csv = new StringBuilder(String.join(",", HEADERS)).append("\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(String.join(",", customerRow("gbk", i))).append("\r\n");
        }
        byte[] file = csv.toString().getBytes(Charset.forName("GBK"));
        checkDryRunRealRunAndRerun("gbk", file, "text/csv", rows, i -> i + 2L);
    }

    @Test
    void xlsx() throws IOException {
        int rows = 20_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(out, "fenqun", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("客户");
            for (int c = 0; c < HEADERS.size(); c++) {
                sheet.value(0, c, HEADERS.get(c));
            }
            for (int i = 0; i < rows; i++) {
                List<String> row = customerRow("xlsx", i);
                for (int c = 0; c < row.size(); c++) {
                    sheet.value(i + 1, c, row.get(c));
                }
            }
        }
        checkDryRunRealRunAndRerun(
                "xlsx",
                out.toByteArray(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                rows,
                i -> i + 2L);
    }

    @Test
    void jsonLinesWithEnglishFields() throws IOException {
        int rows = 20_000;
        StringBuilder jsonl = new StringBuilder();
        List<String> english = List.of(
                "externalId", "name", "phone", "email", "gender", "birthDate", "province", "city", "address", "tags");
        for (int i = 0; i < rows; i++) {
            List<String> row = customerRow("jsonl", i);
            StringBuilder line = new StringBuilder("{");
            for (int c = 0; c < row.size(); c++) {
                line.append(c == 0 ? "" : ",")
                        .append('"')
                        .append(english.get(c))
                        .append("\":\"")
                        .append(row.get(c))
                        .append('"');
            }
            jsonl.append(line).append("}\n");
        }
        checkDryRunRealRunAndRerun(
                "jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson", rows, i -> i + 1L);
    }

    @Test
    void ordersWithSeveralLinesResolveCustomersAndRerunChangesNothing() {
        String customers = "客户编号,姓名,手机\nord-1,甲,13900001111\nord-2,乙,13900002222\n";
        finished(upload("customers", "shop", false, customers.getBytes(StandardCharsets.UTF_8), "text/csv"))
                .body("created", equalTo(2));
        String orders =
                """
                订单号,客户编号,客户手机,下单时间,金额,商品编码,商品,品类,数量,单价
                O-1,ord-1,,2026-11-01 10:00:00,30.00,A,苹果,水果,2,10.00
                O-1,ord-1,,2026-11-01 10:00:00,30.00,B,梨,水果,1,10.00
                O-2,,13900002222,2026-11-02 09:30,5.50,C,葱,蔬菜,1,5.50
                O-3,nobody,,2026-11-02 09:30,1.00,D,姜,蔬菜,1,1.00
                O-4,ord-2,,2026-11-03 08:00,99.00,E,蒜,蔬菜,1,1.00
                """;
        byte[] file = orders.getBytes(StandardCharsets.UTF_8);
        finished(upload("orders", "shop", false, file, "text/csv"))
                .body("created", equalTo(2))
                .body("rowsInvalid", equalTo(2));
        assertEquals(
                2,
                TestDatabase.count("SELECT count(*) FROM order_item i JOIN customer_order o ON o.id = i.order_id"
                        + " WHERE o.external_source = 'shop' AND o.external_id = 'O-1'"));
        long events = TestDatabase.count("SELECT count(*) FROM feed_event");
        finished(upload("orders", "shop", false, file, "text/csv"))
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(2));
        assertEquals(events, TestDatabase.count("SELECT count(*) FROM feed_event"));
    }

    @Test
    void badRequestsAreProblems() {
        given().header("Authorization", ADMIN)
                .contentType("text/csv")
                .body("a,b\n1,2\n")
                .post("/api/v1/imports")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"));
        given().header("Authorization", ADMIN)
                .contentType("text/csv")
                .body("a,b\n1,2\n")
                .queryParam("kind", "customers")
                .queryParam("mapping", "{not json")
                .post("/api/v1/imports")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("mapping"));
        given().header("Authorization", ADMIN)
                .contentType("text/csv")
                .body(new byte[0])
                .queryParam("kind", "customers")
                .post("/api/v1/imports")
                .then()
                .statusCode(400);
        given().header("Authorization", TestTokens.bearer("marketer"))
                .contentType("text/csv")
                .body("a\n1\n")
                .queryParam("kind", "customers")
                .post("/api/v1/imports")
                .then()
                .statusCode(403);
    }

    private void checkDryRunRealRunAndRerun(
            String source, byte[] file, String contentType, int rows, java.util.function.IntToLongFunction rowNumber) {
        long customersBefore = TestDatabase.count("SELECT count(*) FROM customer");
        long eventsBefore = TestDatabase.count("SELECT count(*) FROM feed_event");
        Set<Long> expectedBad = new TreeSet<>();
        for (int i = 0; i < rows; i++) {
            if (isBad(i)) {
                expectedBad.add(rowNumber.applyAsLong(i));
            }
        }
        int good = rows - expectedBad.size();

        String dryRun = finished(upload("customers", source, true, file, contentType))
                .body("rowsRead", equalTo(rows))
                .body("rowsInvalid", equalTo(expectedBad.size()))
                .body("created", equalTo(good))
                .extract()
                .path("id");
        assertEquals(expectedBad, errorRows(dryRun), "the dry run reports exactly the bad rows");
        assertEquals(customersBefore, TestDatabase.count("SELECT count(*) FROM customer"), "a dry run writes nothing");
        assertEquals(eventsBefore, TestDatabase.count("SELECT count(*) FROM feed_event"));

        finished(upload("customers", source, false, file, contentType))
                .body("percent", equalTo(100))
                .body("created", equalTo(good))
                .body("rowsInvalid", equalTo(expectedBad.size()));
        assertEquals(customersBefore + good, TestDatabase.count("SELECT count(*) FROM customer"));
        assertEquals(good, TestDatabase.count("SELECT count(*) FROM customer_external_id WHERE source = ?", source));
        long eventsAfter = TestDatabase.count("SELECT count(*) FROM feed_event");
        assertEquals(eventsBefore + good, eventsAfter, "one customer.created per imported row");

        finished(upload("customers", source, false, file, contentType))
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(good));
        assertEquals(customersBefore + good, TestDatabase.count("SELECT count(*) FROM customer"));
        assertEquals(eventsAfter, TestDatabase.count("SELECT count(*) FROM feed_event"), "a re-run emits nothing");
        assertEquals(
                0,
                TestDatabase.count(
                        "SELECT count(*) FROM customer c JOIN customer_external_id x"
                                + " ON x.customer_id = c.id WHERE x.source = ? AND c.version > 0",
                        source));
    }

    private static String upload(String kind, String source, boolean dryRun, byte[] file, String contentType) {
        return given().header("Authorization", ADMIN)
                .contentType(contentType)
                .queryParam("kind", kind)
                .queryParam("source", source)
                .queryParam("dryRun", dryRun)
                .body(file)
                .post("/api/v1/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private static ValidatableResponse finished(String id) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            String status = given().header("Authorization", ADMIN)
                    .get("/api/v1/imports/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return given().header("Authorization", ADMIN)
                        .get("/api/v1/imports/" + id)
                        .then()
                        .body("status", equalTo("SUCCEEDED"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    private static Set<Long> errorRows(String id) {
        Set<Long> rows = new TreeSet<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", ADMIN).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/imports/" + id + "/errors")
                    .then()
                    .statusCode(200)
                    .extract();
            List<Map<String, Object>> items = page.path("items");
            items.forEach(item -> rows.add(((Number) item.get("row")).longValue()));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return rows;
    }
}
