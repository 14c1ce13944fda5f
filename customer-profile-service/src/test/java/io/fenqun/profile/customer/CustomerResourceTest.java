package io.fenqun.profile.customer;

import static io.fenqun.profile.testing.TestCustomers.body;
import static io.fenqun.profile.testing.TestCustomers.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CustomerResourceTest {

    @Test
    void createsReadsAndMasksForMarketers() {
        String id = create("张三", "13812345678");
        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/v1/customers/" + id)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("phone", equalTo("+8613812345678"))
                .body("address.line", equalTo("文三路 90 号"));
        given().header("Authorization", TestTokens.bearer("marketer"))
                .get("/api/v1/customers/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("张三"))
                .body("phone", equalTo("+86138****5678"))
                .body("email", startsWith("1***@"))
                .body("birthDate", equalTo("1988-**-**"))
                .body("masked", equalTo(true));
    }

    @Test
    void sendingServicesReadContactsInBatchesAndOthersCannot() {
        String first = create("王五", "13812340001");
        String second = create("赵六", "13812340002");
        given().header("Authorization", TestTokens.bearer("service"))
                .contentType(ContentType.JSON)
                .body("{\"ids\":[\"" + first + "\",\"" + second + "\",\"0190a1b2-0000-7000-8000-0000000000ff\"]}")
                .post("/api/v1/customers/contacts")
                .then()
                .statusCode(200)
                .body("contacts", hasSize(2))
                .body("contacts.find { it.id == '" + first + "' }.phone", equalTo("+8613812340001"));
        given().header("Authorization", TestTokens.bearer("marketer"))
                .contentType(ContentType.JSON)
                .body("{\"ids\":[\"" + first + "\"]}")
                .post("/api/v1/customers/contacts")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer("service"))
                .contentType(ContentType.JSON)
                .body("{\"ids\":[]}")
                .post("/api/v1/customers/contacts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void withoutTokenIs401Problem() {
        given().get("/api/v1/customers").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void invalidPhoneIsFieldProblem() {
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(body("李四", "12345"))
                .post("/api/v1/customers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("phone"));
    }

    @Test
    void malformedJsonAndUnknownFieldsAre400() {
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",")
                .post("/api/v1/customers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"x\",\"shoeSize\":42}")
                .post("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("shoeSize"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"ROBOT\",\"name\":\"x\"}")
                .post("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"));
    }

    @Test
    void chineseSubstringSearch() {
        create("王小明", "13900000001");
        given().header("Authorization", TestTokens.bearer("admin"))
                .queryParam("q", "小")
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .body("items.name", hasItem("王小明"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .queryParam("limit", 501)
                .get("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void idempotencyKeyReplaysAndRejectsOtherBody() {
        String first = given().header("Authorization", TestTokens.bearer("admin"))
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(body("赵六", "13700000002"))
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", TestTokens.bearer("admin"))
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(body("赵六", "13700000002"))
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .body("id", equalTo(first));
        given().header("Authorization", TestTokens.bearer("admin"))
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(body("赵七", "13700000003"))
                .post("/api/v1/customers")
                .then()
                .statusCode(422);
    }

    @Test
    void salesSeeOnlyTheirOwn() {
        String mine = given().header("Authorization", TestTokens.bearer("sales", "sales-li"))
                .contentType(ContentType.JSON)
                .body(body("钱八", "13600000004"))
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .body("ownerId", equalTo("sales-li"))
                .extract()
                .path("id");
        given().header("Authorization", TestTokens.bearer("sales", "sales-wang"))
                .get("/api/v1/customers/" + mine)
                .then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer("sales", "sales-wang"))
                .queryParam("q", "钱八")
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }
}
