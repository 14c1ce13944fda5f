package io.fenqun.profile.testing;

import static io.restassured.RestAssured.given;

import io.fenqun.kit.testing.TestTokens;
import io.restassured.http.ContentType;

/** Customers for tests of every feature, created through the public API. */
public final class TestCustomers {

    private TestCustomers() {}

    /** A person with full personal data; the email is derived from the phone's digits. */
    public static String body(String name, String phone) {
        return """
                {"kind":"PERSON","name":"%s","phone":"%s","email":"%s@example.com",
                 "address":{"province":"浙江省","city":"杭州市","district":"西湖区","line":"文三路 90 号"},
                 "birthDate":"1988-05-20","tags":["vip"],"needs":["GIFT"]}"""
                .formatted(name, phone, phone.replaceAll("\\D", ""));
    }

    /** Creates the customer as an admin and returns its id. */
    public static String create(String name, String phone) {
        return given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(body(name, phone))
                .post("/api/v1/customers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
